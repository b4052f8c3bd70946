using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class SessionTests
{
    [Fact]
    public async Task Takeover_SameClientIdConnects_OldConnectionGets0x8E()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (first, _) = await RawMqttClient.ConnectAsync(host.Port, "twin");
        await using var _f = first;
        var (second, connAck) = await RawMqttClient.ConnectAsync(host.Port, "twin");
        await using var _s = second;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);

        var packets = await first.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.SessionTakenOver, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
        await second.SendAsync(new MqttPingReqPacket());
        await second.ExpectAsync<MqttPingRespPacket>();
    }

    [Fact]
    public async Task Takeover_ConcurrentConnectsOfOneId_ExactlyOneStaysConnected()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var connects = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RawMqttClient.ConnectAsync(host.Port, "racer", configure: c => c.SessionExpiryInterval = 60)));
        var alive = 0;
        foreach (var (client, connAck) in connects)
        {
            Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
            await client.SendAsync(new MqttPingReqPacket());
            var answers = new List<MqttPacket>();
            while (await client.ReceiveAsync() is { } packet)
            {
                answers.Add(packet);
                if (packet is MqttPingRespPacket)
                {
                    break;
                }
            }

            if (answers.LastOrDefault() is MqttPingRespPacket)
            {
                alive++;
            }
            else
            {
                Assert.Equal(MqttDisconnectReasonCode.SessionTakenOver, answers.OfType<MqttDisconnectPacket>().Single().ReasonCode);
            }
        }

        Assert.Equal(1, alive);
        Assert.Equal(1, host.Server.SessionCount);
        foreach (var (client, _) in connects)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Will_AbnormalCloseOnly_PublishedOnceForDroppedSocket()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (watcher, _) = await RawMqttClient.ConnectAsync(host.Port, "watcher");
        await using var _w = watcher;
        await watcher.SubscribeAsync("wills/#");
        static void WithWill(MqttConnectPacket c, string name) =>
            c.Will = new MqttWillMessage { Topic = $"wills/{name}", Payload = Encoding.UTF8.GetBytes(name), QualityOfService = MqttQualityOfService.AtLeastOnce };

        var (polite, _) = await RawMqttClient.ConnectAsync(host.Port, "polite", configure: c => WithWill(c, "polite"));
        await polite.SendAsync(new MqttDisconnectPacket());
        Assert.Empty(await polite.ReadUntilClosedAsync());
        await polite.DisposeAsync();
        await Eventually.TrueAsync(() => host.Server.SessionCount == 1, "the polite session ended");

        var (rude, _) = await RawMqttClient.ConnectAsync(host.Port, "rude", configure: c => WithWill(c, "rude"));
        rude.Abort();
        await rude.DisposeAsync();

        var will = await watcher.ExpectAsync<MqttPublishPacket>();
        Assert.Equal("wills/rude", will.Topic);
    }

    [Fact]
    public async Task Will_DisconnectWithWillMessage_Published()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (watcher, _) = await RawMqttClient.ConnectAsync(host.Port, "watcher");
        await using var _w = watcher;
        await watcher.SubscribeAsync("wills/#");
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "c", configure: c => c.Will = new MqttWillMessage { Topic = "wills/c", Payload = "bye"u8.ToArray() });
        await using var _c = client;
        await client.SendAsync(new MqttDisconnectPacket { ReasonCode = MqttDisconnectReasonCode.DisconnectWithWillMessage });
        Assert.Equal("wills/c", (await watcher.ExpectAsync<MqttPublishPacket>()).Topic);
    }

    [Fact]
    public async Task Will_WithDelay_SentWhenDelayPassesNotBefore()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (watcher, _) = await RawMqttClient.ConnectAsync(host.Port, "watcher");
        await using var _w = watcher;
        await watcher.SubscribeAsync("wills/#", MqttQualityOfService.AtMostOnce);
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "late", configure: c =>
        {
            c.SessionExpiryInterval = 600;
            c.Will = new MqttWillMessage { Topic = "wills/late", Payload = "x"u8.ToArray(), DelayInterval = 30 };
        });
        client.Abort();
        await client.DisposeAsync();
        // The will's timer is armed after the connection is gone (on a busy machine, well after): wait for it, or the
        // clock would move before the timer exists and its 30 s would start late.
        await Eventually.TrueAsync(
            () => host.Server.Broker.Sessions.TryGet("late", out var session) && session.PendingWill is not null, "the will is pending");

        host.Time.Advance(TimeSpan.FromSeconds(29));
        await watcher.SendAsync(new MqttPingReqPacket());
        await watcher.ExpectAsync<MqttPingRespPacket>();
        host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("wills/late", (await watcher.ExpectAsync<MqttPublishPacket>()).Topic);
    }

    [Fact]
    public async Task Retained_NewSubscriber_GetsLastRetainedWithRetainFlag_AndItSurvivesRestart()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await publisher.SendAsync(new MqttPublishPacket { Topic = "cfg/a", Payload = "old"u8.ToArray(), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        await publisher.SendAsync(new MqttPublishPacket { Topic = "cfg/a", Payload = "new"u8.ToArray(), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2 });
        await publisher.ExpectAsync<MqttPubAckPacket>();
        await publisher.DisposeAsync();

        await host.RestartAsync();

        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "sub");
        await using var _s = subscriber;
        await subscriber.SubscribeAsync("cfg/+");
        var retained = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.True(retained.Retain);
        Assert.Equal("new", Encoding.UTF8.GetString(retained.Payload.Span));
    }

    [Fact]
    public async Task SessionExpiry_Passed_SessionGone()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "exp", configure: c => c.SessionExpiryInterval = 60);
        await client.SubscribeAsync("x");
        await client.SendAsync(new MqttDisconnectPacket());
        await client.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("exp"), "the server saw the client go");

        host.Time.Advance(TimeSpan.FromSeconds(59));
        var (back, present) = await RawMqttClient.ConnectAsync(host.Port, "exp", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 60; });
        Assert.True(present.SessionPresent);
        await back.SendAsync(new MqttDisconnectPacket());
        await back.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("exp"), "the server saw the client go");

        host.Time.Advance(TimeSpan.FromSeconds(61));
        await Eventually.TrueAsync(() => host.Server.SessionCount == 0, "the session expired");
        var (last, gone) = await RawMqttClient.ConnectAsync(host.Port, "exp", configure: c => c.CleanStart = false);
        await using var _l = last;
        Assert.False(gone.SessionPresent);
    }

    [Fact]
    public async Task PersistentSession_QueuedWhileOffline_DeliveredAfterSiloRestart()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (subscriber, _) = await RawMqttClient.ConnectAsync(host.Port, "dev", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await subscriber.SubscribeAsync("inbox", MqttQualityOfService.ExactlyOnce);
        await subscriber.SendAsync(new MqttDisconnectPacket());
        await subscriber.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("dev"), "the server saw the client go");

        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await publisher.PublishQos1Async("inbox", "one", 1);
        await publisher.PublishQos1Async("inbox", "two", 2);
        await publisher.DisposeAsync();

        await host.RestartAsync();

        var (back, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await using var _b = back;
        Assert.True(connAck.SessionPresent);
        var first = await back.ExpectAsync<MqttPublishPacket>();
        var second = await back.ExpectAsync<MqttPublishPacket>();
        Assert.Equal(["one", "two"], new[] { first, second }.Select(p => Encoding.UTF8.GetString(p.Payload.Span)));
        Assert.Equal(MqttQualityOfService.AtLeastOnce, first.QualityOfService);

        // The subscription survived too: a new publish reaches the restored session.
        await back.SendAsync(new MqttPubAckPacket { PacketId = first.PacketId });
        await back.SendAsync(new MqttPubAckPacket { PacketId = second.PacketId });
        var (publisher2, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher2;
        await publisher2.PublishQos1Async("inbox", "three", 3);
        Assert.Equal("three", Encoding.UTF8.GetString((await back.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }

    [Fact]
    public async Task CleanStart_DiscardsStoredSession()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "c", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await client.SubscribeAsync("x");
        await client.SendAsync(new MqttDisconnectPacket());
        await client.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("c"), "the server saw the client go");
        await host.RestartAsync();

        var (clean, connAck) = await RawMqttClient.ConnectAsync(host.Port, "c", MqttProtocolVersion.V311, c => c.CleanStart = true);
        Assert.False(connAck.SessionPresent);
        await clean.SendAsync(new MqttDisconnectPacket());
        await clean.DisposeAsync();
        await Eventually.TrueAsync(() => host.Server.SessionCount == 0, "the clean session ended");
        var (again, resumed) = await RawMqttClient.ConnectAsync(host.Port, "c", MqttProtocolVersion.V311, c => c.CleanStart = false);
        await using var _a = again;
        Assert.False(resumed.SessionPresent);
    }
}
