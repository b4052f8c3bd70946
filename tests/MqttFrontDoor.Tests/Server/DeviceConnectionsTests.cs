using System.Text;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class DeviceConnectionsTests
{
    private static Action<MqttConnectPacket> Device(string id, bool clean) => c =>
    {
        c.UserName = id;
        c.Password = Encoding.UTF8.GetBytes("s3cret");
        c.CleanStart = clean;
        c.SessionExpiryInterval = clean ? 0u : 3600u;
    };

    [Fact]
    public async Task PublishAsync_ConnectedOrOfflineWithSession_DeliveredOrQueued()
    {
        await using var host = await FrontDoorHost.StartAsync(_ => { });
        host.Directory.Add("dev-1", "h1", secret: "s3cret");
        var connections = host.Server.DeviceConnections;
        Assert.False(await connections.PublishAsync("dev-1", new OutboundMessage("devices/dev-1/commands", "{}"u8.ToArray())));

        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: Device("dev-1", clean: false));
        await device.SubscribeAsync("devices/dev-1/commands");
        Assert.True(await connections.PublishAsync("dev-1", new OutboundMessage("devices/dev-1/commands", "{\"c\":1}"u8.ToArray())));
        var live = await device.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("application/json", live.ContentType);
        await device.SendAsync(new MqttPubAckPacket { PacketId = live.PacketId });
        await device.SendAsync(new MqttDisconnectPacket());
        await device.DisposeAsync();
        await Eventually.TrueAsync(() => !connections.IsConnected("dev-1"), "the device went offline");

        Assert.True(await connections.PublishAsync("dev-1", new OutboundMessage("devices/dev-1/commands", "{\"c\":2}"u8.ToArray())));
        await host.RestartAsync();
        var (back, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: Device("dev-1", clean: false));
        await using var _b = back;
        Assert.True(connAck.SessionPresent);
        Assert.Equal("{\"c\":2}", Encoding.UTF8.GetString((await back.ExpectAsync<MqttPublishPacket>()).Payload.Span));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Server.DeviceConnections.PublishAsync("dev-1", new OutboundMessage("devices/dev-2/commands", "{}"u8.ToArray())));
    }

    [Fact]
    public async Task PublishAsync_RetainedForDeviceWithoutSession_RetainedThenClearedDurably()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var connections = host.Server.DeviceConnections;
        const string topic = "provisioning/dev-1/certificate";

        // No session for dev-1: nothing is delivered (false), but the retained store takes the message all the same.
        Assert.False(await connections.PublishAsync("dev-1", new OutboundMessage(topic, "PEM"u8.ToArray(), 1, Retain: true)));
        var (first, _) = await RawMqttClient.ConnectAsync(host.Port, "watcher-1");
        await first.SubscribeAsync(topic);
        Assert.Equal("PEM", Encoding.UTF8.GetString((await first.ExpectAsync<MqttPublishPacket>()).Payload.Span));
        await first.SendAsync(new MqttDisconnectPacket());
        await first.DisposeAsync();
        await Eventually.TrueAsync(() => !connections.IsConnected("watcher-1"), "the watcher went offline");

        // An empty retained payload clears the topic (MQTT 5 §3.3.1.3), also with no session, and across a restart.
        Assert.False(await connections.PublishAsync("dev-1", new OutboundMessage(topic, ReadOnlyMemory<byte>.Empty, 1, Retain: true)));
        await host.RestartAsync();
        var (second, _) = await RawMqttClient.ConnectAsync(host.Port, "watcher-2");
        await using var _s = second;
        await second.SubscribeAsync("provisioning/dev-1/+");
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "marker");
        await using var _p = publisher;
        await publisher.SendAsync(new MqttPublishPacket { Topic = "provisioning/dev-1/marker", Payload = "m"u8.ToArray() });

        Assert.Equal("provisioning/dev-1/marker", (await second.ExpectAsync<MqttPublishPacket>()).Topic);
    }

    [Fact]
    public async Task MessageExpiry_PassedWhileQueued_NotDelivered()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => c.SessionExpiryInterval = 3600);
        await subscriber.SubscribeAsync("exp");
        await subscriber.SendAsync(new MqttDisconnectPacket());
        await subscriber.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("sub"), "the subscriber went offline");

        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;
        await publisher.SendAsync(new MqttPublishPacket { Topic = "exp", Payload = "short"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1, MessageExpiryInterval = 10 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        await publisher.SendAsync(new MqttPublishPacket { Topic = "exp", Payload = "long"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2, MessageExpiryInterval = 100 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        host.Time.Advance(TimeSpan.FromSeconds(30));

        var (back, _) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 3600; });
        await using var _b = back;
        var delivered = await back.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("long", Encoding.UTF8.GetString(delivered.Payload.Span));
        Assert.Equal(70u, delivered.MessageExpiryInterval);
    }

    [Fact]
    public async Task Subscriptions_OverQuota_RefusedAndUnsubscribeAnswered()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.MaxSubscriptionsPerClient = 2);
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "subs");
        await using var _c = client;
        await client.SendAsync(new MqttSubscribePacket { PacketId = 1, Subscriptions = [new("a"), new("b"), new("c"), new("$share/g/d")] });
        Assert.Equal(
            [MqttSubAckReasonCode.GrantedQoS0, MqttSubAckReasonCode.GrantedQoS0, MqttSubAckReasonCode.QuotaExceeded, MqttSubAckReasonCode.SharedSubscriptionsNotSupported],
            (await client.ExpectAsync<MqttSubAckPacket>()).ReasonCodes);

        await client.SendAsync(new MqttUnsubscribePacket { PacketId = 2, TopicFilters = ["a", "zzz"] });
        Assert.Equal([MqttUnsubAckReasonCode.Success, MqttUnsubAckReasonCode.NoSubscriptionExisted], (await client.ExpectAsync<MqttUnsubAckPacket>()).ReasonCodes);
    }
}
