using System.Text;

using Visco.Mqtt.Packets;
using Visco.Mqtt.Tests.Support;
using Visco.TestKit;

namespace Visco.Mqtt.Tests.Client;

/// <summary>
/// Our codec on the server side of a connection with independent clients (mosquitto_pub and mosquitto_sub): what the
/// MQTT front door will read from analysers, and what it writes back.
/// </summary>
public sealed class MosquittoClientsInteropTests
{
    [RequiresToolFact("mosquitto_pub")]
    public async Task MosquittoPub_V5QoS2WithPropertiesAndWill_DecodedByOurReader()
    {
        using var server = new FakeMqttServer();
        await using var tool = ToolProcess.Start("mosquitto_pub",
            "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-V", "mqttv5", "-i", "analyser-9", "-u", "device", "-P", "s3cret", "-x", "120",
            "-D", "connect", "receive-maximum", "10",
            "--will-topic", "devices/9/state", "--will-payload", "offline", "--will-qos", "1",
            "-q", "2", "-t", "devices/9/measurements", "-m", "{\"v\":1}",
            "-D", "publish", "content-type", "application/json",
            "-D", "publish", "user-property", "sampleId", "s-1",
            "-D", "publish", "message-expiry-interval", "600");
        await using var connection = await server.AcceptAsync();

        var connect = await connection.AcceptConnectAsync();
        var publish = await connection.ReceiveAsync<MqttPublishPacket>();
        await connection.SendAsync(new MqttPubRecPacket { PacketId = publish.PacketId });
        var pubRel = await connection.ReceiveAsync<MqttPubRelPacket>();
        await connection.SendAsync(new MqttPubCompPacket { PacketId = pubRel.PacketId });
        await connection.ReceiveAsync<MqttDisconnectPacket>();
        var (exitCode, _, error) = await tool.WaitAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(MqttProtocolVersion.V500, connect.ProtocolVersion);
        Assert.Equal("analyser-9", connect.ClientId);
        Assert.Equal("device", connect.UserName);
        Assert.Equal("s3cret", Encoding.UTF8.GetString(connect.Password!));
        Assert.Equal(120u, connect.SessionExpiryInterval);
        Assert.Equal(10, connect.ReceiveMaximum);
        Assert.Equal("devices/9/state", connect.Will!.Topic);
        Assert.Equal("offline", Encoding.UTF8.GetString(connect.Will.Payload.Span));
        Assert.Equal(MqttQualityOfService.AtLeastOnce, connect.Will.QualityOfService);
        Assert.Equal(MqttQualityOfService.ExactlyOnce, publish.QualityOfService);
        Assert.Equal("devices/9/measurements", publish.Topic);
        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString(publish.Payload.Span));
        Assert.Equal("application/json", publish.ContentType);
        Assert.Equal(600u, publish.MessageExpiryInterval);
        Assert.Equal([new MqttUserProperty("sampleId", "s-1")], publish.UserProperties);
    }

    [RequiresToolFact("mosquitto_pub")]
    public async Task MosquittoPub_V311QoS1Retained_DecodedByOurReader()
    {
        using var server = new FakeMqttServer();
        await using var tool = ToolProcess.Start("mosquitto_pub",
            "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-V", "mqttv311", "-i", "analyser-3", "-q", "1", "-r", "-t", "devices/3/state", "-m", "online");
        await using var connection = await server.AcceptAsync();

        var connect = await connection.AcceptConnectAsync();
        var publish = await connection.ReceiveAsync<MqttPublishPacket>();
        await connection.SendAsync(new MqttPubAckPacket { PacketId = publish.PacketId });
        await connection.ReceiveAsync<MqttDisconnectPacket>();
        var (exitCode, _, error) = await tool.WaitAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal(MqttProtocolVersion.V311, connect.ProtocolVersion);
        Assert.True(connect.CleanStart);
        Assert.True(publish.Retain);
        Assert.Equal("online", Encoding.UTF8.GetString(publish.Payload.Span));
    }

    [RequiresToolFact("mosquitto_sub")]
    public async Task MosquittoSub_V5_ReadsWhatOurWriterSends()
    {
        using var server = new FakeMqttServer();
        await using var tool = ToolProcess.Start("mosquitto_sub",
            "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-V", "mqttv5", "-i", "clinician-app", "-q", "1", "-t", "devices/+/results", "-C", "1", "-F", "%t|%q|%p");
        await using var connection = await server.AcceptAsync();

        await connection.AcceptConnectAsync(new MqttConnAckPacket { ReceiveMaximum = 5, TopicAliasMaximum = 0, ReasonString = "welcome" });
        var subscribe = await connection.ReceiveAsync<MqttSubscribePacket>();
        await connection.SendAsync(new MqttSubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttSubAckReasonCode.GrantedQoS1] });
        await connection.SendAsync(new MqttPublishPacket
        {
            Topic = "devices/9/results",
            Payload = "{\"class\":\"normal\"}"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketId = 31,
            ContentType = "application/json",
            UserProperties = [new("modelVersion", "7")],
        });
        var pubAck = await connection.ReceiveAsync<MqttPubAckPacket>();
        await connection.ReceiveAsync<MqttDisconnectPacket>();
        var (exitCode, output, error) = await tool.WaitAsync();

        Assert.True(exitCode == 0, error);
        Assert.Equal("devices/+/results", subscribe.Subscriptions.Single().TopicFilter);
        Assert.Equal(31, pubAck.PacketId);
        Assert.Equal("devices/9/results|1|{\"class\":\"normal\"}", output.Trim());
    }
}
