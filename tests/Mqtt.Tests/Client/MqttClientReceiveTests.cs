using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttClientReceiveTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task MessageReceived_QoS1_PubAckSentOnlyAfterHandlerReturns(MqttProtocolVersion version)
    {
        var entered = new TaskCompletionSource<MqttReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = false;
        await using var harness = new ClientHarness(version);
        harness.Client.MessageReceived = async (message, _) =>
        {
            entered.TrySetResult(message);
            await release.Task;
            handled = true;
        };
        var (server, _) = await harness.ConnectAsync();

        await server.SendAsync(new MqttPublishPacket { Topic = "devices/1/results", Payload = "r"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 77 });
        var message = await entered.Task.Within();
        var pinging = harness.Client.PingAsync();

        // While the handler runs, the next packet from the client is the ping, not the acknowledgement.
        Assert.IsType<MqttPingReqPacket>(await server.ReceiveAsync());
        await server.SendAsync(MqttPingRespPacket.Instance);
        await pinging.Within();
        release.SetResult();
        var pubAck = await server.ReceiveAsync<MqttPubAckPacket>();

        Assert.True(handled);
        Assert.Equal(77, pubAck.PacketId);
        Assert.Equal("devices/1/results", message.Topic);
        Assert.Equal("r"u8.ToArray(), message.Payload.ToArray());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task MessageReceived_QoS2Redelivered_DeliveredOnceAndCompleted(MqttProtocolVersion version)
    {
        var deliveries = 0;
        await using var harness = new ClientHarness(version);
        harness.Client.MessageReceived = (_, _) =>
        {
            Interlocked.Increment(ref deliveries);
            return ValueTask.CompletedTask;
        };
        var (server, _) = await harness.ConnectAsync();
        var publish = new MqttPublishPacket { Topic = "c", Payload = "x"u8.ToArray(), QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 5 };

        await server.SendAsync(publish);
        var first = await server.ReceiveAsync<MqttPubRecPacket>();
        publish.Dup = true;
        await server.SendAsync(publish);
        var second = await server.ReceiveAsync<MqttPubRecPacket>();
        await server.SendAsync(new MqttPubRelPacket { PacketId = 5 });
        var pubComp = await server.ReceiveAsync<MqttPubCompPacket>();

        Assert.Equal(5, first.PacketId);
        Assert.Equal(5, second.PacketId);
        Assert.Equal(MqttPubCompReasonCode.Success, pubComp.ReasonCode);
        Assert.Equal(1, Volatile.Read(ref deliveries));
    }

    [Fact]
    public async Task MessageReceived_HandlerRefusesOrThrows_V5AckCarriesReason()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        harness.Client.MessageReceived = (message, _) =>
        {
            if (message.Topic == "refuse")
            {
                message.AcknowledgeReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                return ValueTask.CompletedTask;
            }

            throw new InvalidOperationException("handler bug");
        };
        var (server, _) = await harness.ConnectAsync();

        await server.SendAsync(new MqttPublishPacket { Topic = "refuse", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        var refused = await server.ReceiveAsync<MqttPubAckPacket>();
        await server.SendAsync(new MqttPublishPacket { Topic = "throw", QualityOfService = MqttQualityOfService.ExactlyOnce, PacketId = 2 });
        var failed = await server.ReceiveAsync<MqttPubRecPacket>();
        await server.SendAsync(new MqttPubRelPacket { PacketId = 2 });
        var pubComp = await server.ReceiveAsync<MqttPubCompPacket>();

        Assert.Equal(MqttPubAckReasonCode.PayloadFormatInvalid, refused.ReasonCode);
        Assert.Equal(MqttPubRecReasonCode.UnspecifiedError, failed.ReasonCode);
        Assert.Equal(MqttPubCompReasonCode.PacketIdentifierNotFound, pubComp.ReasonCode);
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task MessageReceived_ManyMessages_DeliveredInOrder()
    {
        var received = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        harness.Client.MessageReceived = (message, _) =>
        {
            received.Add(message.Topic);
            if (received.Count == 50)
            {
                all.SetResult();
            }

            return ValueTask.CompletedTask;
        };
        var (server, _) = await harness.ConnectAsync();

        for (var i = 0; i < 50; i++)
        {
            await server.SendAsync(new MqttPublishPacket { Topic = $"t/{i}", QualityOfService = (MqttQualityOfService)(i % 2), PacketId = (ushort)(i % 2 == 0 ? 0 : i) });
        }

        await all.Task.Within();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"t/{i}"), received);
    }

    [Fact]
    public async Task ServerExceedsOurReceiveMaximum_V5_ClientDisconnectsWithReceiveMaximumExceeded()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, o => o.ReceiveMaximum = 1);
        harness.Client.MessageReceived = async (_, _) => await release.Task;
        var (server, connect) = await harness.ConnectAsync();

        await server.SendAsync(new MqttPublishPacket { Topic = "a", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        await server.SendAsync(new MqttPublishPacket { Topic = "b", QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 2 });

        var disconnect = await server.ReceiveAsync<MqttDisconnectPacket>();
        release.SetResult();
        Assert.Equal(1, connect.ReceiveMaximum);
        Assert.Equal(MqttDisconnectReasonCode.ReceiveMaximumExceeded, disconnect.ReasonCode);
        Assert.Equal("MQTT-3.3.4-9", Assert.IsType<MqttProtocolViolationException>((await harness.DisconnectedEvent.Task.Within()).Exception).Rule);
    }
}
