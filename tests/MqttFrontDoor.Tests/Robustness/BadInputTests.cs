using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Robustness;

public sealed class BadInputTests
{
    [Fact]
    public async Task RemainingLength256Mb_ClosedWithPacketTooLargeAndNothingAllocated()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "big");
        await using var _c = client;

        // PUBLISH header announcing 268,435,455 bytes: rejected from the five header bytes alone.
        await client.SendRawAsync(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F });

        var packets = await client.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.PacketTooLarge, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
    }

    [Fact]
    public async Task ConnectAnnouncing256Mb_ClosedBeforeAuthentication()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        await using var client = await RawMqttClient.OpenAsync(host.Port);
        await client.SendRawAsync(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0x7F });
        Assert.Empty(await client.ReadUntilClosedAsync());
        await Eventually.TrueAsync(() => host.Server.ConnectionCount == 0, "the connection was released");
    }

    [Fact]
    public async Task InvalidUtf8Topic_ClosedWithMalformedPacket()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "utf");
        await using var _c = client;

        // Topic of two bytes 0xC3 0x28: an invalid UTF-8 sequence [MQTT-1.5.4-1].
        await client.SendRawAsync(new byte[] { 0x30, 0x06, 0x00, 0x02, 0xC3, 0x28, 0x00, (byte)'x' });

        var packets = await client.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.MalformedPacket, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
    }

    [Fact]
    public async Task FirstPacketNotConnect_ClosedWithoutAnswer()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        await using var client = await RawMqttClient.OpenAsync(host.Port);
        await client.SendRawAsync(new byte[] { 0xC0, 0x00 });
        Assert.Empty(await client.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task UnsupportedProtocolLevel_AnsweredWithReturnCode1()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        await using var client = await RawMqttClient.OpenAsync(host.Port, MqttProtocolVersion.V311);

        // CONNECT "MQTT" level 3 (3.1): not supported.
        await client.SendRawAsync(new byte[] { 0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x03, 0x02, 0x00, 0x00, 0x00, 0x01, (byte)'a' });
        var connAck = await client.ExpectAsync<MqttConnAckPacket>();
        Assert.Equal(MqttConnectReasonCode.UnsupportedProtocolVersion, connAck.ReasonCode);
    }

    [Fact]
    public async Task ConnectFlood_SameClientId_RefusedWithConnectionRateExceeded()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.ConnectsPerMinutePerClientId = 3);
        var codes = new List<MqttConnectReasonCode>();
        for (var i = 0; i < 5; i++)
        {
            var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "flood");
            codes.Add(connAck.ReasonCode);
            await client.DisposeAsync();
        }

        Assert.Equal(3, codes.Count(c => c == MqttConnectReasonCode.Success));
        Assert.Equal(2, codes.Count(c => c == MqttConnectReasonCode.ConnectionRateExceeded));

        // Another client id is not affected.
        var (other, otherAck) = await RawMqttClient.ConnectAsync(host.Port, "calm");
        await using var _o = other;
        Assert.Equal(MqttConnectReasonCode.Success, otherAck.ReasonCode);
    }

    [Fact]
    public async Task MaxConnections_Reached_RefusedWithServerBusy()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.MaxConnections = 2);
        var (a, _) = await RawMqttClient.ConnectAsync(host.Port, "a");
        await using var _a = a;
        var (b, _) = await RawMqttClient.ConnectAsync(host.Port, "b");
        await using var _b = b;
        var (c, refused) = await RawMqttClient.ConnectAsync(host.Port, "c");
        await using var _c = c;
        Assert.Equal(MqttConnectReasonCode.ServerBusy, refused.ReasonCode);
    }

    [Fact]
    public async Task PublishRate_OverBucket_V5QuotaExceededThenV311Disconnect()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.PublishBurst = 3);
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "fast");
        await using var _c = client;
        var codes = new List<MqttPubAckReasonCode>();
        for (ushort i = 1; i <= 5; i++)
        {
            codes.Add((await client.PublishQos1Async("t", "x", i)).ReasonCode);
        }

        // The manual clock does not move, so the bucket never refills: three pass, the rest are over quota.
        Assert.Equal([MqttPubAckReasonCode.NoMatchingSubscribers, MqttPubAckReasonCode.NoMatchingSubscribers, MqttPubAckReasonCode.NoMatchingSubscribers, MqttPubAckReasonCode.QuotaExceeded, MqttPubAckReasonCode.QuotaExceeded], codes);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(MqttPubAckReasonCode.NoMatchingSubscribers, (await client.PublishQos1Async("t", "x", 9)).ReasonCode);

        var (old, _) = await RawMqttClient.ConnectAsync(host.Port, "fast311", MqttProtocolVersion.V311);
        await using var _o = old;
        for (ushort i = 1; i <= 3; i++)
        {
            await old.PublishQos1Async("t", "x", i);
        }

        await old.SendAsync(new MqttPublishPacket { Topic = "t", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 4 });
        Assert.Empty(await old.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task SlowReader_NeverDrains_DisconnectedOthersUnaffected()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o =>
        {
            o.OutgoingQueueCapacity = 8;
            o.PublishBurst = 100_000;
        });
        var (slow, _) = await RawMqttClient.ConnectAsync(host.Port, "slow");
        await using var _s = slow;
        await slow.SubscribeAsync("flood", MqttQualityOfService.AtMostOnce);
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        var payload = new string('x', 60_000);

        // QoS 0 at 60 KB each: socket buffers fill, then the bounded queue, then the server gives up on the reader.
        for (var i = 0; i < 400 && host.Server.DeviceConnections.IsConnected("slow"); i++)
        {
            await publisher.SendAsync(new MqttPublishPacket { Topic = "flood", Payload = Encoding.UTF8.GetBytes(payload) });
        }

        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("slow"), "the slow reader was disconnected");
        await publisher.SendAsync(new MqttPingReqPacket());
        await publisher.ExpectAsync<MqttPingRespPacket>();
    }
}
