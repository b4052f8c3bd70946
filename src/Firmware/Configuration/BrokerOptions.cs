using Visco.Mqtt.Packets;

namespace Visco.Firmware.Configuration;

/// <summary>Where the MQTT broker is and how to reach it.</summary>
public sealed class BrokerOptions
{
    /// <summary>Host name or address of the broker.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port (1883 plain, 8883 TLS by convention).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Whether to connect over TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>PEM file of the CA that signs the broker's certificate; null trusts the system store.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Name expected in the broker's certificate; defaults to <see cref="Host"/>.</summary>
    public string? TargetHost { get; set; }

    /// <summary>The protocol version tried first; 5 falls back to 3.1.1 when the broker does not speak 5.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>Keep-alive interval in seconds; the broker publishes the will after 1.5 times this without traffic.</summary>
    public int KeepAliveSeconds { get; set; } = 30;

    /// <summary>Seconds the broker keeps the session (queued commands) while the agent is offline. MQTT 5 only.</summary>
    public uint SessionExpirySeconds { get; set; } = 86_400;

    /// <summary>First reconnect delay in milliseconds; doubles per failed attempt with ±20 % jitter.</summary>
    public int ReconnectInitialDelayMs { get; set; } = 1_000;

    /// <summary>Longest reconnect delay in milliseconds.</summary>
    public int ReconnectMaximumDelayMs { get; set; } = 60_000;
}
