using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Connections;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class OutboxTests
{
    [Fact]
    public async Task Dequeue_ControlQueuedBehindData_LeavesFirst()
    {
        var outbox = new MqttOutbox(dataCapacity: 2, controlCapacity: 1);
        Assert.True(outbox.TryEnqueueData(new MqttPublishPacket { Topic = "a" }));
        Assert.True(outbox.TryEnqueueData(new MqttPublishPacket { Topic = "b" }));
        Assert.False(outbox.TryEnqueueData(new MqttPublishPacket { Topic = "c" }));
        Assert.True(outbox.TryEnqueueControl(new MqttPubAckPacket { PacketId = 1 }));
        Assert.False(outbox.TryEnqueueControl(new MqttPingRespPacket()));

        Assert.True(await outbox.WaitAsync());
        Assert.True(outbox.TryDequeue(out var first));
        Assert.IsType<MqttPubAckPacket>(first);
        Assert.True(outbox.TryDequeue(out var second));
        Assert.Equal("a", Assert.IsType<MqttPublishPacket>(second).Topic);
    }

    [Fact]
    public async Task WaitAsync_CompletedAfterDrain_ReturnsFalse()
    {
        var outbox = new MqttOutbox(4, 4);
        var waiting = outbox.WaitAsync();
        Assert.False(waiting.IsCompleted);
        outbox.TryEnqueueControl(new MqttPingRespPacket());
        Assert.True(await waiting);
        outbox.Complete();
        Assert.False(outbox.TryEnqueueData(new MqttPublishPacket { Topic = "late" }));
        Assert.True(await outbox.WaitAsync());
        Assert.True(outbox.TryDequeue(out _));
        Assert.False(await outbox.WaitAsync());
    }
}
