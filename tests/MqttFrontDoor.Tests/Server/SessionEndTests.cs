using System.Text;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Connections;
using Visco.MqttFrontDoor.Sessions;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

/// <summary>
/// <see cref="IDeviceConnections.EndSessionAsync"/> (revocation, re-provisioning): a persistent session of the device,
/// live, waiting in memory or only stored, is gone with its queued messages, so a client that connects next as the
/// device with clean start 0 gets a new session (CONNACK session present 0) and nothing queued for the old one.
/// </summary>
public sealed class SessionEndTests
{
    private const string Device = "dev-1";
    private const string Commands = "devices/dev-1/commands";

    [Fact]
    public async Task EndSessionAsync_OfflineWithQueuedMessage_ReconnectWithCleanStart0GetsNewSessionWithoutIt()
    {
        await using var host = await StartAsync();
        var connections = host.Server.DeviceConnections;
        await LeaveSessionWithQueuedMessageAsync(host);

        Assert.False(await connections.EndSessionAsync(Device, "device re-provisioned"));

        Assert.False(host.Server.Broker.Sessions.TryGet(Device, out _));
        Assert.False((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
        await AssertNewSessionWithoutOldMessageAsync(host);
    }

    [Fact]
    public async Task EndSessionAsync_SessionOnlyStoredAfterRestart_Removed()
    {
        await using var host = await StartAsync();
        await LeaveSessionWithQueuedMessageAsync(host);
        await host.RestartAsync();
        Assert.True((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);

        Assert.False(await host.Server.DeviceConnections.EndSessionAsync(Device, "device revoked"));

        Assert.False((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
        await AssertNewSessionWithoutOldMessageAsync(host);
    }

    [Fact]
    public async Task EndSessionAsync_Connected_ClosedWith0x87AndSessionGone()
    {
        await using var host = await StartAsync();
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, Device, configure: Persistent(cleanStart: true));
        await using var _d = device;
        await device.SubscribeAsync(Commands);

        Assert.True(await host.Server.DeviceConnections.EndSessionAsync(Device, "device re-provisioned"));

        var farewell = Assert.IsType<MqttDisconnectPacket>(Assert.Single(await device.ReadUntilClosedAsync()));
        Assert.Equal(MqttDisconnectReasonCode.NotAuthorized, farewell.ReasonCode);
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected(Device), "the connection is gone");
        Assert.False((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
        Assert.False(await host.Server.DeviceConnections.PublishAsync(Device, new OutboundMessage(Commands, "{\"c\":\"old\"}"u8.ToArray())));
        await AssertNewSessionWithoutOldMessageAsync(host);
    }

    [Fact]
    public async Task EndSessionAsync_RetainedMessagesOfTheDevice_Kept()
    {
        await using var host = await StartAsync();
        var connections = host.Server.DeviceConnections;
        await connections.PublishAsync(Device, new OutboundMessage("provisioning/dev-1/certificate", "{\"v\":1}"u8.ToArray(), Retain: true));
        await LeaveSessionWithQueuedMessageAsync(host);

        await connections.EndSessionAsync(Device, "device re-provisioned");

        var (device, connAck) = await RawMqttClient.ConnectAsync(host.Port, Device, configure: Persistent(cleanStart: false));
        await using var _d = device;
        Assert.False(connAck.SessionPresent);
        await device.SubscribeAsync("provisioning/dev-1/certificate");
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString((await device.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }

    [Fact]
    public async Task OfflineDeviceConnections_StoredSessionAndRetainedClear_ReachTheStore()
    {
        await using var host = await StartAsync();
        const string certificateTopic = "provisioning/dev-1/certificate";
        Assert.False(await host.Server.DeviceConnections.PublishAsync(Device, new OutboundMessage(certificateTopic, "PEM"u8.ToArray(), Retain: true)));
        await LeaveSessionWithQueuedMessageAsync(host);
        await host.RestartAsync();
        var offline = new OfflineDeviceConnections(host.Grains, host.Time);

        Assert.False(offline.IsConnected(Device));
        Assert.False(await offline.PublishAsync(Device, new OutboundMessage(certificateTopic, ReadOnlyMemory<byte>.Empty, Retain: true)));
        Assert.False(await offline.EndSessionAsync(Device, "device re-provisioned"));

        Assert.False((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Exists);
        Assert.DoesNotContain(await host.Grains.GetGrain<IRetainedMessagesGrain>("retained").GetAll(), m => m.Topic == certificateTopic);
        await AssertNewSessionWithoutOldMessageAsync(host);
        await Assert.ThrowsAsync<ArgumentException>(() => offline.PublishAsync(Device, new OutboundMessage("devices/dev-2/commands", "{}"u8.ToArray())));
    }

    private static async Task<FrontDoorHost> StartAsync()
    {
        var host = await FrontDoorHost.StartAsync(_ => { });
        host.Directory.Add(Device, "h1", secret: "s3cret");
        return host;
    }

    private static Action<MqttConnectPacket> Persistent(bool cleanStart) => c =>
    {
        c.UserName = Device;
        c.Password = Encoding.UTF8.GetBytes("s3cret");
        c.CleanStart = cleanStart;
        c.SessionExpiryInterval = 3600;
    };

    /// <summary>A persistent session subscribed to the device's commands, the client gone, one QoS 1 message queued in it.</summary>
    private static async Task LeaveSessionWithQueuedMessageAsync(FrontDoorHost host)
    {
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, Device, configure: Persistent(cleanStart: true));
        await device.SubscribeAsync(Commands);
        await device.SendAsync(new MqttDisconnectPacket());
        await device.DisposeAsync();
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected(Device), "the device went offline");
        Assert.True(await host.Server.DeviceConnections.PublishAsync(Device, new OutboundMessage(Commands, "{\"c\":\"old\"}"u8.ToArray())));
        Assert.Single((await host.Grains.GetGrain<IMqttSessionGrain>(Device).Load()).Messages);
    }

    /// <summary>
    /// Connects as the device with clean start 0: no session present, and after subscribing again the first message
    /// is a new one (the old queued message would have come first, right after CONNACK).
    /// </summary>
    private static async Task AssertNewSessionWithoutOldMessageAsync(FrontDoorHost host)
    {
        var (device, connAck) = await RawMqttClient.ConnectAsync(host.Port, Device, configure: Persistent(cleanStart: false));
        await using var _d = device;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        Assert.False(connAck.SessionPresent);
        await device.SubscribeAsync(Commands);
        Assert.True(await host.Server.DeviceConnections.PublishAsync(Device, new OutboundMessage(Commands, "{\"c\":\"new\"}"u8.ToArray())));
        Assert.Equal("{\"c\":\"new\"}", Encoding.UTF8.GetString((await device.ExpectAsync<MqttPublishPacket>()).Payload.Span));
    }
}
