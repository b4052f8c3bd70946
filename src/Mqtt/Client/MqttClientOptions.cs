using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>Everything an <see cref="MqttClient"/> needs to connect: endpoint, TLS, CONNECT fields and local limits.</summary>
public sealed class MqttClientOptions
{
    /// <summary>The server host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The server port (1883 for TCP, 8883 for TLS by convention).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>TLS settings; null connects over plain TCP.</summary>
    public MqttClientTlsOptions? Tls { get; set; }

    /// <summary>The protocol version to speak.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>The client identifier; empty asks the server to assign one (MQTT 5, or 3.1.1 with clean start).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Start a new session instead of resuming the stored one.</summary>
    public bool CleanStart { get; set; } = true;

    /// <summary>The user name, or null.</summary>
    public string? UserName { get; set; }

    /// <summary>The password, or null.</summary>
    public byte[]? Password { get; set; }

    /// <summary>The keep-alive interval; the client pings at this period. <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The will message, or null.</summary>
    public MqttWillMessage? Will { get; set; }

    /// <summary>Seconds the server keeps the session after the connection ends. Only in MQTT 5.</summary>
    public uint SessionExpiryInterval { get; set; }

    /// <summary>How many incoming QoS 1/2 messages may be unacknowledged at once. Only in MQTT 5.</summary>
    public ushort ReceiveMaximum { get; set; } = ushort.MaxValue;

    /// <summary>The largest packet this client accepts; null means the protocol's limit.</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>Whether the server may send reason strings and user properties on failures. Only in MQTT 5.</summary>
    public bool RequestProblemInformation { get; set; } = true;

    /// <summary>Whether the client asks for response information in CONNACK. Only in MQTT 5.</summary>
    public bool RequestResponseInformation { get; set; }

    /// <summary>The extended authentication method announced in CONNECT. Only in MQTT 5.</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>The initial extended authentication data. Only in MQTT 5.</summary>
    public byte[]? AuthenticationData { get; set; }

    /// <summary>User properties of the CONNECT. Only in MQTT 5.</summary>
    public IList<MqttUserProperty> UserProperties { get; set; } = [];

    /// <summary>How long to wait for the TCP/TLS connection and CONNACK.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many PUBLISH/SUBSCRIBE/UNSUBSCRIBE packets may wait for the writer before callers are held back.</summary>
    public int OutgoingQueueCapacity { get; set; } = 1024;

    /// <summary>How many received messages may wait for the message handler before reading pauses.</summary>
    public int IncomingQueueCapacity { get; set; } = 1024;

    /// <summary>The clock of keep-alive, timeouts and reconnect back-off (a manual one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> saying how to fix the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("MqttClientOptions.Host must name the server, for example \"127.0.0.1\".", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"MqttClientOptions.Port {Port} is not a TCP port; use 1883 (TCP) or 8883 (TLS).", nameof(Port));
        }

        if (!Enum.IsDefined(ProtocolVersion))
        {
            throw new ArgumentException("MqttClientOptions.ProtocolVersion must be V311 or V500.", nameof(ProtocolVersion));
        }

        if (KeepAlive < TimeSpan.Zero || KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            throw new ArgumentException("MqttClientOptions.KeepAlive must be between 0 and 65,535 seconds.", nameof(KeepAlive));
        }

        if (ProtocolVersion == MqttProtocolVersion.V311 && ClientId.Length == 0 && !CleanStart)
        {
            throw new ArgumentException("MQTT 3.1.1 needs a ClientId to resume a session; set ClientId or CleanStart = true.", nameof(ClientId));
        }

        if (ProtocolVersion == MqttProtocolVersion.V311 && Password is not null && UserName is null)
        {
            throw new ArgumentException("MQTT 3.1.1 sends a password only with a user name; set UserName.", nameof(Password));
        }

        if (ReceiveMaximum == 0 || MaximumPacketSize == 0)
        {
            throw new ArgumentException("ReceiveMaximum and MaximumPacketSize must be greater than 0 (null/65,535 for no limit).");
        }

        if (OutgoingQueueCapacity < 1 || IncomingQueueCapacity < 1 || ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Queue capacities must be at least 1 and ConnectTimeout positive.");
        }
    }

    internal MqttConnectPacket ToConnectPacket() => new()
    {
        ProtocolVersion = ProtocolVersion,
        ClientId = ClientId,
        CleanStart = CleanStart,
        KeepAliveSeconds = (ushort)KeepAlive.TotalSeconds,
        UserName = UserName,
        Password = Password,
        Will = Will,
        SessionExpiryInterval = SessionExpiryInterval,
        ReceiveMaximum = ReceiveMaximum,
        MaximumPacketSize = MaximumPacketSize,
        RequestProblemInformation = RequestProblemInformation,
        RequestResponseInformation = RequestResponseInformation,
        AuthenticationMethod = AuthenticationMethod,
        AuthenticationData = AuthenticationData,
        UserProperties = UserProperties,
    };
}
