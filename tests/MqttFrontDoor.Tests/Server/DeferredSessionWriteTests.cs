using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Sessions;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

/// <summary>
/// QoS 1 messages sent to a connected persistent-session client are written to its session grain only when the client
/// has not acknowledged them within <see cref="MqttFrontDoorOptions.UnacknowledgedWriteDelay"/> (manual clock here) or
/// the connection goes; the publisher's PUBACK waits for the client's PUBACK or the write.
/// </summary>
public sealed class DeferredSessionWriteTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publish_SubscriberAcksInTime_PublisherAckedAndNothingStored()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.UnacknowledgedWriteDelay = Delay);
        var (subscriber, _) = await ConnectPersistentAsync(host, "sub");
        await using var _s = subscriber;
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;

        await publisher.SendAsync(Publish("r", "m", 1));
        var delivered = await subscriber.ExpectAsync<MqttPublishPacket>();
        Assert.Empty((await host.Grains.GetGrain<IMqttSessionGrain>("sub").Load()).Messages);
        await subscriber.SendAsync(new MqttPubAckPacket { PacketId = delivered.PacketId });

        // No clock advance: the subscriber's PUBACK alone releases the publisher's.
        Assert.Equal(1, (await publisher.ExpectAsync<MqttPubAckPacket>()).PacketId);
        Assert.Empty((await host.Grains.GetGrain<IMqttSessionGrain>("sub").Load()).Messages);
    }

    [Fact]
    public async Task Publish_SubscriberSilentPastTheDelay_WrittenThenPublisherAcked()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.UnacknowledgedWriteDelay = Delay);
        var (subscriber, _) = await ConnectPersistentAsync(host, "sub");
        await using var _s = subscriber;
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using var _p = publisher;

        await publisher.SendAsync(Publish("r", "m", 7));
        var delivered = await subscriber.ExpectAsync<MqttPublishPacket>();
        host.Time.Advance(Delay);

        Assert.Equal(7, (await publisher.ExpectAsync<MqttPubAckPacket>()).PacketId);
        var stored = Assert.Single((await host.Grains.GetGrain<IMqttSessionGrain>("sub").Load()).Messages);
        Assert.Equal(delivered.PacketId, stored.PacketId);

        // The late PUBACK removes the stored message.
        await subscriber.SendAsync(new MqttPubAckPacket { PacketId = delivered.PacketId });
        await Eventually.TrueAsync(() => host.Grains.GetGrain<IMqttSessionGrain>("sub").Load().Result.Messages.Count == 0, "the acknowledged message is removed");
    }

    [Fact]
    public async Task Publish_SubscriberDropsBeforeAck_WrittenAndResentAfterRestart()
    {
        await using var host = await FrontDoorHost.StartOpenAsync(o => o.UnacknowledgedWriteDelay = Delay);
        var (subscriber, _) = await ConnectPersistentAsync(host, "sub");
        var (publisher, _) = await RawMqttClient.ConnectAsync(host.Port, "pub");
        await using (publisher)
        {
            await publisher.SendAsync(Publish("r", "m", 3));
            var first = await subscriber.ExpectAsync<MqttPublishPacket>();
            subscriber.Abort();
            await subscriber.DisposeAsync();

            // The connection went without a PUBACK: the message is written, then the publisher is acknowledged.
            Assert.Equal(3, (await publisher.ExpectAsync<MqttPubAckPacket>()).PacketId);
            Assert.Equal(first.PacketId, Assert.Single((await host.Grains.GetGrain<IMqttSessionGrain>("sub").Load()).Messages).PacketId);
        }

        await host.RestartAsync();
        var (again, connAck) = await RawMqttClient.ConnectAsync(host.Port, "sub", configure: c => { c.CleanStart = false; c.SessionExpiryInterval = 300; });
        await using var _a = again;
        Assert.True(connAck.SessionPresent);
        var resent = await again.ExpectAsync<MqttPublishPacket>();
        Assert.True(resent.Dup);
        Assert.Equal("m", Encoding.UTF8.GetString(resent.Payload.Span));
    }

    private static async Task<(RawMqttClient Client, MqttConnAckPacket ConnAck)> ConnectPersistentAsync(FrontDoorHost host, string clientId)
    {
        var connected = await RawMqttClient.ConnectAsync(host.Port, clientId, configure: c => { c.CleanStart = true; c.SessionExpiryInterval = 300; });
        await connected.Client.SubscribeAsync("r", MqttQualityOfService.AtLeastOnce);
        return connected;
    }

    private static MqttPublishPacket Publish(string topic, string payload, ushort packetId) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = packetId };
}
