using System.Text;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Security;

public sealed class DeviceAuthenticationTests
{
    private static async Task<FrontDoorHost> StartDeviceModeAsync()
    {
        var host = await FrontDoorHost.StartAsync(_ => { });
        host.Directory.Add("dev-1", "h1", secret: "s3cret");
        host.Directory.Add("dev-2", "h1", secret: "other");
        return host;
    }

    private static Action<MqttConnectPacket> Credentials(string user, string password) => c =>
    {
        c.UserName = user;
        c.Password = Encoding.UTF8.GetBytes(password);
    };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Measurement_OwnTopic_HandledThenAcknowledgedAndResultDelivered(MqttProtocolVersion version)
    {
        await using var host = await StartDeviceModeAsync();
        var (device, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", version, Credentials("dev-1", "s3cret"));
        await using var _d = device;
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        Assert.Equal(MqttSubAckReasonCode.GrantedQoS1, (await device.SubscribeAsync("devices/dev-1/results")).ReasonCodes.Single());

        await device.SendAsync(new MqttPublishPacket { Topic = "devices/dev-1/measurements", Payload = "{\"v\":1}"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 9 });
        var packets = new[] { await device.ReceiveAsync(), await device.ReceiveAsync() };

        Assert.Equal(9, packets.OfType<MqttPubAckPacket>().Single().PacketId);
        Assert.Equal("devices/dev-1/results", packets.OfType<MqttPublishPacket>().Single().Topic);
        Assert.True(host.Handler.Messages.Reader.TryRead(out var message));
        Assert.Equal(("dev-1", "h1", DeviceMessageKind.Measurement, (int)version), (message.DeviceId, message.HospitalId, message.Kind, message.ProtocolVersion));
        Assert.Contains(host.Handler.Connections, c => c is { DeviceId: "dev-1", Online: true });
    }

    [Fact]
    public async Task CommandReply_Topic_ClassifiedWithCommandId()
    {
        await using var host = await StartDeviceModeAsync();
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: Credentials("dev-1", "s3cret"));
        await using var _d = device;
        var ack = await device.PublishQos1Async("devices/dev-1/commands/c-77/reply", "{}");
        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);
        Assert.True(host.Handler.Messages.Reader.TryRead(out var message));
        Assert.Equal((DeviceMessageKind.CommandReply, "c-77"), (message.Kind, message.CommandId));
    }

    [Theory]
    [InlineData(DeviceMessageStatus.InvalidPayload, MqttPubAckReasonCode.PayloadFormatInvalid)]
    [InlineData(DeviceMessageStatus.NotAuthorized, MqttPubAckReasonCode.NotAuthorized)]
    [InlineData(DeviceMessageStatus.Busy, MqttPubAckReasonCode.QuotaExceeded)]
    [InlineData(DeviceMessageStatus.Failed, MqttPubAckReasonCode.UnspecifiedError)]
    [InlineData(DeviceMessageStatus.Duplicate, MqttPubAckReasonCode.Success)]
    public async Task Measurement_DomainStatus_MappedToPubAckReasonCode(DeviceMessageStatus status, MqttPubAckReasonCode expected)
    {
        await using var host = await StartDeviceModeAsync();
        host.Handler.Status = status;
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: Credentials("dev-1", "s3cret"));
        await using var _d = device;
        Assert.Equal(expected, (await device.PublishQos1Async("devices/dev-1/measurements", "{}")).ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, MqttConnectReasonCode.ClientIdentifierNotValid)]
    [InlineData(MqttProtocolVersion.V311, MqttConnectReasonCode.ClientIdentifierNotValid)]
    public async Task Connect_ClientIdOfAnotherDevice_Refused(MqttProtocolVersion version, MqttConnectReasonCode expected)
    {
        await using var host = await StartDeviceModeAsync();
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-2", version, Credentials("dev-1", "s3cret"));
        await using var _c = client;
        Assert.Equal(expected, connAck.ReasonCode);
        Assert.Empty(await client.ReadUntilClosedAsync());
    }

    [Theory]
    [InlineData("dev+1")]
    [InlineData("dev#")]
    public async Task Connect_WildcardInClientId_Refused(string clientId)
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, clientId);
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, connAck.ReasonCode);
    }

    [Theory]
    [InlineData("dev-1", "wrong", MqttProtocolVersion.V500, MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData("dev-1", "wrong", MqttProtocolVersion.V311, MqttConnectReasonCode.BadUserNameOrPassword)]
    [InlineData("ghost", "s3cret", MqttProtocolVersion.V500, MqttConnectReasonCode.BadUserNameOrPassword)]
    public async Task Connect_BadCredentials_Refused(string user, string password, MqttProtocolVersion version, MqttConnectReasonCode expected)
    {
        await using var host = await StartDeviceModeAsync();
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, user, version, Credentials(user, password));
        await using var _c = client;
        Assert.Equal(expected, connAck.ReasonCode);
    }

    [Fact]
    public async Task Connect_NoCredentialsInDeviceMode_NotAuthorized()
    {
        await using var host = await StartDeviceModeAsync();
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-1");
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, connAck.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Connect_RevokedDevice_NotAuthorized(MqttProtocolVersion version)
    {
        await using var host = await StartDeviceModeAsync();
        host.Directory.SetStatus("dev-1", DeviceStatus.Revoked);
        var (client, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", version, Credentials("dev-1", "s3cret"));
        await using var _c = client;
        Assert.Equal(MqttConnectReasonCode.NotAuthorized, connAck.ReasonCode);
    }

    [Fact]
    public async Task Revocation_LiveConnection_DroppedWithNotAuthorized()
    {
        await using var host = await StartDeviceModeAsync();
        var (device, _) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", configure: Credentials("dev-1", "s3cret"));
        await using var _d = device;
        Assert.True(host.Server.DeviceConnections.IsConnected("dev-1"));

        host.Directory.SetStatus("dev-1", DeviceStatus.Revoked);
        Assert.True(await host.Server.DeviceConnections.DisconnectAsync("dev-1", "revoked by operator"));

        var packets = await device.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.NotAuthorized, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
        await Eventually.TrueAsync(() => !host.Server.DeviceConnections.IsConnected("dev-1"), "the device is gone");
        Assert.False(await host.Server.DeviceConnections.DisconnectAsync("dev-1", "again"));
    }
}
