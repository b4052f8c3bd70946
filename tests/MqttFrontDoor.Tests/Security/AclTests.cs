using System.Text;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Security;

public sealed class AclTests
{
    private static async Task<(FrontDoorHost Host, RawMqttClient Device)> ConnectDeviceAsync(MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var host = await FrontDoorHost.StartAsync(_ => { });
        host.Directory.Add("dev-1", "h1", secret: "s3cret");
        var (device, connAck) = await RawMqttClient.ConnectAsync(host.Port, "dev-1", version, c =>
        {
            c.UserName = "dev-1";
            c.Password = Encoding.UTF8.GetBytes("s3cret");
        });
        Assert.Equal(MqttConnectReasonCode.Success, connAck.ReasonCode);
        return (host, device);
    }

    [Theory]
    [InlineData("devices/dev-2/measurements")]
    [InlineData("devices/dev-1/results")]
    [InlineData("devices/dev-1/commands/x")]
    [InlineData("other/topic")]
    public async Task Publish_NotOwnDeviceTopic_V5PubAckNotAuthorized(string topic)
    {
        var (host, device) = await ConnectDeviceAsync();
        await using var _h = host;
        await using var _d = device;
        Assert.Equal(MqttPubAckReasonCode.NotAuthorized, (await device.PublishQos1Async(topic, "{}")).ReasonCode);
        Assert.False(host.Handler.Messages.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Publish_AnotherDevicesTopic_V311Disconnected()
    {
        var (host, device) = await ConnectDeviceAsync(MqttProtocolVersion.V311);
        await using var _h = host;
        await using var _d = device;
        await device.SendAsync(new MqttPublishPacket { Topic = "devices/dev-2/measurements", Payload = "{}"u8.ToArray(), QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 1 });
        Assert.Empty(await device.ReadUntilClosedAsync());
        Assert.False(host.Handler.Messages.Reader.TryRead(out _));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, MqttSubAckReasonCode.NotAuthorized)]
    [InlineData(MqttProtocolVersion.V311, MqttSubAckReasonCode.UnspecifiedError)]
    public async Task Subscribe_AnotherDevicesTopicOrWildcard_Refused(MqttProtocolVersion version, MqttSubAckReasonCode refused)
    {
        var (host, device) = await ConnectDeviceAsync(version);
        await using var _h = host;
        await using var _d = device;
        await device.SendAsync(new MqttSubscribePacket
        {
            PacketId = 4,
            Subscriptions = [new("devices/dev-2/results"), new("devices/#"), new("devices/dev-1/commands/+", MqttQualityOfService.AtLeastOnce)],
        });
        var subAck = await device.ExpectAsync<MqttSubAckPacket>();
        Assert.Equal([refused, refused, MqttSubAckReasonCode.GrantedQoS1], subAck.ReasonCodes);
    }

    [Fact]
    public async Task Publish_WildcardInTopicName_DisconnectedTopicNameInvalid()
    {
        var (host, device) = await ConnectDeviceAsync();
        await using var _h = host;
        await using var _d = device;

        // Our codec will not write a topic with '#', so the bytes are spelled out: PUBLISH QoS 0, topic "devices/#".
        byte[] topic = Encoding.UTF8.GetBytes("devices/#");
        var body = new List<byte> { 0, (byte)topic.Length };
        body.AddRange(topic);
        body.Add(0);
        body.AddRange("{}"u8.ToArray());
        await device.SendRawAsync(new byte[] { 0x30, (byte)body.Count }.Concat(body).ToArray());

        var packets = await device.ReadUntilClosedAsync();
        Assert.Equal(MqttDisconnectReasonCode.TopicNameInvalid, Assert.IsType<MqttDisconnectPacket>(packets.Single()).ReasonCode);
    }

    [Fact]
    public void TopicAcl_DeviceTopics_OnlyOwn()
    {
        var device = new Visco.MqttFrontDoor.Security.ClientIdentity(Visco.MqttFrontDoor.Security.ClientIdentityKind.DeviceSecret, "d", "h");
        var claim = device with { Kind = Visco.MqttFrontDoor.Security.ClientIdentityKind.Claim };
        Assert.True(Visco.MqttFrontDoor.Security.TopicAcl.MayPublish(device, "devices/d/state"));
        Assert.False(Visco.MqttFrontDoor.Security.TopicAcl.MayPublish(device, "devices/d/commands//reply"));
        Assert.False(Visco.MqttFrontDoor.Security.TopicAcl.MayPublish(device, "devices/d/commands/a/b/reply"));
        Assert.True(Visco.MqttFrontDoor.Security.TopicAcl.MaySubscribe(device, "devices/d/commands"));
        Assert.False(Visco.MqttFrontDoor.Security.TopicAcl.MayPublish(claim, "devices/d/measurements"));
        Assert.True(Visco.MqttFrontDoor.Security.TopicAcl.MayPublish(claim, "provisioning/d/csr"));
        Assert.False(Visco.MqttFrontDoor.Security.TopicAcl.MaySubscribe(claim, "provisioning/other/certificate"));
    }
}
