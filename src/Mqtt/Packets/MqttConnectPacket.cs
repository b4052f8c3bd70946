namespace Visco.Mqtt.Packets;

/// <summary>CONNECT: the first packet a client sends on a connection (MQTT 5.0 §3.1, 3.1.1 §3.1).</summary>
public sealed class MqttConnectPacket : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType PacketType => MqttPacketType.Connect;

    /// <summary>The protocol level this CONNECT asks for; it fixes the version of the whole connection.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>The client identifier; empty asks the server to assign one.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Clean Start (MQTT 5) or Clean Session (3.1.1): discard any existing session.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>Keep-alive interval in seconds; 0 turns keep-alive off.</summary>
    public ushort KeepAliveSeconds { get; set; }

    /// <summary>The user name, or null when the User Name flag is clear.</summary>
    public string? UserName { get; set; }

    /// <summary>The password, or null when the Password flag is clear.</summary>
    public byte[]? Password { get; set; }

    /// <summary>The will message, or null when the Will flag is clear.</summary>
    public MqttWillMessage? Will { get; set; }

    /// <summary>Seconds the session outlives the connection (0 = ends with it). Only in MQTT 5.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>How many QoS 1/2 publications the client processes at once (default 65,535). Only in MQTT 5.</summary>
    public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;

    /// <summary>The largest packet the client accepts; null means no limit beyond the protocol's. Only in MQTT 5.</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>The highest topic alias the client accepts from the server (0 = none). Only in MQTT 5.</summary>
    public ushort TopicAliasMaximum { get; set; }

    /// <summary>Whether the client asks for response information in CONNACK. Only in MQTT 5.</summary>
    public bool RequestResponseInformation { get; set; }

    /// <summary>Whether the server may send reason strings and user properties on failures (default true). Only in MQTT 5.</summary>
    public bool RequestProblemInformation { get; set; } = true;

    /// <summary>The extended authentication method. Only in MQTT 5.</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>The extended authentication data. Only in MQTT 5.</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>User properties of the CONNECT. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];
}
