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

    [Fact]
    public async Task Measurement_DeviceAcksItsResult_MeasurementAckedWithoutWaitingForTheDelay()
    {
        // The analyser's loop on one connection: its measurement's PUBACK waits for its result's PUBACK, which the
        // read loop must take while the measurement is still pending (the clock never moves here).
        await using var host = await FrontDoorHost.StartAsync(o => o.UnacknowledgedWriteDelay = Delay);
        host.Directory.Add("dev-1", "h1", secret: "s3cret");
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: c =>
        {
            c.UserName = "dev-1";
            c.Password = "s3cret"u8.ToArray();
            c.CleanStart = true;
            c.SessionExpiryInterval = 3600;
        });
        await using var _d = device;
        await device.SubscribeAsync("devices/dev-1/results");

        for (ushort id = 1; id <= 3; id++)
        {
            await device.SendAsync(Publish("devices/dev-1/measurements", "{}", id));
            var result = await device.ExpectAsync<MqttPublishPacket>();
            Assert.Equal("devices/dev-1/results", result.Topic);
            await device.SendAsync(new MqttPubAckPacket { PacketId = result.PacketId });
            Assert.Equal(id, (await device.ExpectAsync<MqttPubAckPacket>()).PacketId);
        }

        Assert.Empty((await host.Grains.GetGrain<IMqttSessionGrain>("dev-1").Load()).Messages);
    }

    [Fact]
    public async Task Measurements_Pipelined_AcknowledgedInOrder()
    {
        await using var host = await FrontDoorHost.StartAsync(o => o.UnacknowledgedWriteDelay = Delay);
        host.Directory.Add("dev-1", "h1", secret: "s3cret");
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: c =>
        {
            c.UserName = "dev-1";
            c.Password = "s3cret"u8.ToArray();
            c.SessionExpiryInterval = 3600;
        });
        await using var _d = device;
        await device.SubscribeAsync("devices/dev-1/results");

        // Three measurements at once; results are acknowledged as they come, PUBACKs must follow the PUBLISH order.
        for (ushort id = 10; id < 13; id++)
        {
            await device.SendAsync(Publish("devices/dev-1/measurements", "{}", id));
        }

        var acks = new List<ushort>();
        while (acks.Count < 3)
        {
            switch (await device.ReceiveAsync())
            {
                case MqttPublishPacket result:
                    await device.SendAsync(new MqttPubAckPacket { PacketId = result.PacketId });
                    break;
                case MqttPubAckPacket ack:
                    acks.Add(ack.PacketId);
                    break;
                case var other:
                    Assert.Fail($"unexpected {other}");
                    break;
            }
        }

        Assert.Equal([10, 11, 12], acks);
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
