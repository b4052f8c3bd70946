using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;

namespace Visco.Mqtt.Tests.Client;

public sealed class MqttReconnectTests
{
    [Fact]
    public void GetDelay_Attempts_GrowExponentiallyWithinJitterUpToMaximum()
    {
        var policy = new MqttReconnectPolicy
        {
            InitialDelay = TimeSpan.FromSeconds(1),
            MaximumDelay = TimeSpan.FromSeconds(30),
            Multiplier = 2,
            Jitter = 0.25,
        };
        var random = new Random(42);

        var delays = Enumerable.Range(0, 10).Select(a => policy.GetDelay(a, random)).ToList();

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var nominal = Math.Min(30, Math.Pow(2, attempt));
            Assert.InRange(delays[attempt].TotalSeconds, nominal * 0.75, Math.Min(30, nominal * 1.25));
        }

        Assert.True(delays[6] > delays[2]);
        Assert.Equal(30, delays[9].TotalSeconds, precision: 0);
    }

    [Fact]
    public void GetDelay_SameSeed_SameDelaysButJitterSpreadsThem()
    {
        var policy = new MqttReconnectPolicy();

        var a = Enumerable.Range(0, 5).Select(i => policy.GetDelay(i, new Random(1))).ToList();
        var b = Enumerable.Range(0, 5).Select(i => policy.GetDelay(i, new Random(1))).ToList();
        var spread = Enumerable.Range(0, 20).Select(s => policy.GetDelay(3, new Random(s))).Distinct().Count();

        Assert.Equal(a, b);
        Assert.True(spread > 10);
    }

    [Fact]
    public async Task ConnectWithRetryAsync_ServerBusyThenAccepts_Connects()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var policy = new MqttReconnectPolicy { InitialDelay = TimeSpan.Zero, Jitter = 0, MaximumAttempts = 5 };

        var connecting = harness.Client.ConnectWithRetryAsync(policy);
        await using (var busy = await harness.Server.AcceptAsync())
        {
            await busy.AcceptConnectAsync(new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.ServerBusy });
        }

        await using var accepted = await harness.Server.AcceptAsync();
        await accepted.AcceptConnectAsync();
        var connAck = await connecting.Within();

        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task ConnectWithRetryAsync_NotAuthorized_ThrowsWithoutRetrying()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500);
        var policy = new MqttReconnectPolicy { InitialDelay = TimeSpan.Zero, Jitter = 0 };

        var connecting = harness.Client.ConnectWithRetryAsync(policy);
        await using var refused = await harness.Server.AcceptAsync();
        await refused.AcceptConnectAsync(new MqttConnAckPacket { ReasonCode = MqttConnectReasonCode.NotAuthorized });

        var ex = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => connecting.Within());
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, ex.ReasonCode);
    }

    [Theory]
    [InlineData(MqttConnectReasonCode.ServerUnavailable, true)]
    [InlineData(MqttConnectReasonCode.ServerBusy, true)]
    [InlineData(MqttConnectReasonCode.BadUserNameOrPassword, false)]
    [InlineData(MqttConnectReasonCode.Banned, false)]
    public void IsTransient_RefusalReasons_OnlyTemporaryOnesRetry(MqttConnectReasonCode reason, bool transient)
    {
        Assert.Equal(transient, MqttClientReconnectExtensions.IsTransient(
            new MqttConnectionRefusedException(new MqttConnAckPacket { ReasonCode = reason })));
    }

    [Fact]
    public async Task AutoReconnect_ConnectionLost_ReconnectsAndResendsUnacknowledgedPublish()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V500, o =>
        {
            o.CleanStart = false;
            o.SessionExpiryInterval = 600;
        });
        var (first, _) = await harness.ConnectAsync();
        var reconnected = new TaskCompletionSource<MqttConnAckPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var auto = new MqttAutoReconnect(harness.Client, new MqttReconnectPolicy { InitialDelay = TimeSpan.Zero, Jitter = 0 });
        auto.Reconnected += (_, connAck) => reconnected.TrySetResult(connAck);
        var publishing = harness.Client.PublishAsync(new MqttApplicationMessage { Topic = "devices/1/measurements", QualityOfService = MqttQualityOfService.AtLeastOnce });
        var original = await first.ReceiveAsync<MqttPublishPacket>();

        await first.DisposeAsync();
        await using var second = await harness.Server.AcceptAsync();
        await second.AcceptConnectAsync(new MqttConnAckPacket { SessionPresent = true });
        var resent = await second.ReceiveAsync<MqttPublishPacket>();
        await second.SendAsync(new MqttPubAckPacket { PacketId = resent.PacketId });

        Assert.True((await reconnected.Task.Within()).SessionPresent);
        Assert.True((await publishing.Within()).IsSuccess);
        Assert.True(resent.Dup);
        Assert.Equal(original.PacketId, resent.PacketId);
    }

    [Fact]
    public async Task AutoReconnect_ApplicationDisconnects_DoesNotReconnect()
    {
        await using var harness = new ClientHarness(MqttProtocolVersion.V311);
        var (server, _) = await harness.ConnectAsync();
        var reconnects = 0;
        await using var auto = new MqttAutoReconnect(harness.Client, new MqttReconnectPolicy { InitialDelay = TimeSpan.Zero });
        auto.Reconnected += (_, _) => Interlocked.Increment(ref reconnects);

        await harness.Client.DisconnectAsync().Within();
        await harness.DisconnectedEvent.Task.Within();
        await auto.DisposeAsync();

        Assert.Equal(0, Volatile.Read(ref reconnects));
        Assert.False(harness.Client.IsConnected);
        await server.WaitForCloseAsync();
    }
}
