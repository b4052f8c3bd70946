namespace Visco.MqttFrontDoor;

/// <summary>Settings of the MQTT front door, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class MqttFrontDoorOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "Visco:Mqtt";

    /// <summary>Device mode (the default) or the open test mode.</summary>
    public MqttFrontDoorMode Mode { get; set; } = MqttFrontDoorMode.Device;

    /// <summary>The address the listeners bind to: "localhost" (default), "any", or an IP address.</summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>The plain TCP port (1883); 0 picks a free port; negative disables the listener.</summary>
    public int TcpPort { get; set; } = 1883;

    /// <summary>The TLS port (8883); 0 picks a free port; negative disables the listener.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Where the development server certificate is kept (created on first start when none is configured).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>PEM certificate of the TLS listener; null uses a development certificate under <see cref="DataDirectory"/>.</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ServerCertificatePath"/>.</summary>
    public string? ServerCertificateKeyPath { get; set; }

    /// <summary>The folder of the device CA (see <c>DeviceCertificateAuthority</c>); null disables certificates and claims.</summary>
    public string? DeviceCaDirectory { get; set; }

    /// <summary>Whether the TLS listener demands a client certificate (otherwise it only asks for one).</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>Whether devices may authenticate with device id (user name) and secret (password).</summary>
    public bool AllowSecretAuthentication { get; set; } = true;

    /// <summary>Validity of certificates issued to devices by claim.</summary>
    public TimeSpan IssuedCertificateValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most connections at once; further CONNECTs get Server busy (0x89) / Server unavailable (3).</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>Largest packet accepted from a client (checked before anything is allocated).</summary>
    public int MaxPacketSize { get; set; } = 256 * 1024;

    /// <summary>Largest CONNECT accepted: bounds what an unauthenticated socket can make us hold.</summary>
    public int MaxConnectPacketSize { get; set; } = 16 * 1024;

    /// <summary>Our Receive Maximum: unacknowledged QoS 1/2 publishes a client may have towards us.</summary>
    public int ReceiveMaximum { get; set; } = 64;

    /// <summary>Messages waiting in one session for the client (offline or over its Receive Maximum).</summary>
    public int MaxQueuedMessages { get; set; } = 1_000;

    /// <summary>Packets waiting for the socket per connection; a client that never drains is disconnected when full.</summary>
    public int OutgoingQueueCapacity { get; set; } = 1_000;

    /// <summary>Subscriptions one session may hold.</summary>
    public int MaxSubscriptionsPerClient { get; set; } = 32;

    /// <summary>Publishes per second one connection may send (token bucket refill rate).</summary>
    public double PublishesPerSecond { get; set; } = 100;

    /// <summary>Burst size of the publish token bucket.</summary>
    public int PublishBurst { get; set; } = 200;

    /// <summary>Connects per minute one client id may make.</summary>
    public int ConnectsPerMinutePerClientId { get; set; } = 60;

    /// <summary>How long a socket may take to send CONNECT.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT 5 Server Keep Alive imposed on clients; null accepts the client's value.</summary>
    public int? ServerKeepAliveSeconds { get; set; }

    /// <summary>Longest session expiry granted (also the expiry of MQTT 3.1.1 persistent sessions).</summary>
    public TimeSpan MaxSessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a QoS 1 message sent to a connected client of a persistent session may wait for its PUBACK before it is
    /// written to the session's grain; acknowledged in time it is never written (nor removed). The publisher's own
    /// acknowledgement waits for whichever comes first. Zero writes every message at once. Long enough (1 s) that a
    /// saturated silo, whose own queues delay a PUBACK by hundreds of milliseconds, does not start writing and removing
    /// every message when it can least afford it; a client that does not answer delays its publisher by at most this.
    /// </summary>
    public TimeSpan UnacknowledgedWriteDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Topic aliases a client may use towards us (MQTT 5).</summary>
    public int TopicAliasMaximum { get; set; } = 16;
}
