using Visco.Mqtt.Packets;

namespace Visco.Firmware.Fleet;

/// <summary>Settings of a fleet simulation run (the <c>simulate</c> verb).</summary>
public sealed class FleetOptions
{
    /// <summary>Simulated analysers (ignored when a credentials folder supplies the devices).</summary>
    public int Devices { get; set; } = 100;

    /// <summary>Hospitals the generated device ids are spread over.</summary>
    public int Hospitals { get; set; } = 1;

    /// <summary>Measurements per second across the whole fleet.</summary>
    public double Rate { get; set; } = 10;

    /// <summary>How long measurements are taken.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait after the run for outstanding acknowledgements and results.</summary>
    public TimeSpan Drain { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Broker host.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Whether to use TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>CA of the broker certificate (PEM), when TLS.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Credentials folder written by the silo's registration verb; null connects generated ids anonymously.</summary>
    public string? CredentialsFolder { get; set; }

    /// <summary>Protocol version the agents try first.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>Connection attempts in progress at once across the fleet.</summary>
    public int ConnectConcurrency { get; set; } = 64;

    /// <summary>Keep-alive of each agent in seconds.</summary>
    public int KeepAliveSeconds { get; set; } = 60;

    /// <summary>Queue capacity of each agent.</summary>
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>Seed of the shared viscometer simulator.</summary>
    public ulong Seed { get; set; } = 7;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting to fix.</summary>
    public void Validate()
    {
        if (Devices < 1 || Hospitals < 1 || Rate <= 0 || Duration <= TimeSpan.Zero || Drain < TimeSpan.Zero || ConnectConcurrency < 1)
        {
            throw new ArgumentException("--devices, --hospitals and connect concurrency must be at least 1; --rate and --duration positive.");
        }
    }
}
