namespace Visco.Firmware.Configuration;

/// <summary>The agent's configuration file (JSON, camelCase, enums in kebab-case), as documented in the README.</summary>
public sealed class AgentOptions
{
    /// <summary>The device id: MQTT client id, certificate CN and the {deviceId} of every topic.</summary>
    public string DeviceId { get; set; } = string.Empty;

    /// <summary>The hospital the analyser belongs to (informational; the cloud's registry is authoritative).</summary>
    public string? HospitalId { get; set; }

    /// <summary>Folder for the queue, credentials, state and firmware images; created with owner-only access.</summary>
    public string StateDirectory { get; set; } = "state";

    /// <summary>The firmware version the agent reports until an update replaces it.</summary>
    public string FirmwareVersion { get; set; } = "1.0.0";

    /// <summary>Seconds between automatic measurements; 0 measures only when asked (the fleet simulator paces).</summary>
    public double MeasurementIntervalSeconds { get; set; }

    /// <summary>Seconds between periodic state reports (one is also sent on every connect and change).</summary>
    public double StateIntervalSeconds { get; set; } = 300;

    /// <summary>Seed of the simulated viscometer.</summary>
    public ulong SimulatorSeed { get; set; } = 1;

    /// <summary>How long provisioning waits for the certificate before trying again.</summary>
    public double ProvisioningTimeoutSeconds { get; set; } = 30;

    /// <summary>The broker.</summary>
    public BrokerOptions Broker { get; set; } = new();

    /// <summary>The credentials.</summary>
    public AuthenticationOptions Authentication { get; set; } = new();

    /// <summary>The store-and-forward queue.</summary>
    public QueueOptions Queue { get; set; } = new();

    /// <summary>Throws <see cref="AgentConfigurationException"/> naming the first invalid setting and how to fix it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DeviceId) || DeviceId.IndexOfAny(['/', '+', '#']) >= 0)
        {
            throw new AgentConfigurationException("deviceId must be set and must not contain '/', '+' or '#'.");
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new AgentConfigurationException("stateDirectory must name a folder the agent may write.");
        }

        if (Broker.Port is < 1 or > 65535 || string.IsNullOrWhiteSpace(Broker.Host))
        {
            throw new AgentConfigurationException($"broker.host and broker.port must name the broker (port {Broker.Port} is invalid).");
        }

        if (Queue.Capacity < 1 || Queue.MaxInflight < 1)
        {
            throw new AgentConfigurationException("queue.capacity and queue.maxInflight must be at least 1.");
        }

        if (MeasurementIntervalSeconds < 0 || StateIntervalSeconds <= 0 || ProvisioningTimeoutSeconds <= 0)
        {
            throw new AgentConfigurationException("measurementIntervalSeconds must be >= 0; stateIntervalSeconds and provisioningTimeoutSeconds > 0.");
        }

        var auth = Authentication;
        var missing = auth.Mode switch
        {
            AuthenticationMode.Secret when string.IsNullOrEmpty(auth.Secret) => "authentication.secret",
            AuthenticationMode.Claim when string.IsNullOrEmpty(auth.ClaimId) || string.IsNullOrEmpty(auth.ClaimSecret) =>
                "authentication.claimId and authentication.claimSecret",
            AuthenticationMode.Certificate when (string.IsNullOrEmpty(auth.CertificateFile) || string.IsNullOrEmpty(auth.PrivateKeyFile))
                && (string.IsNullOrEmpty(auth.CertificatePem) || string.IsNullOrEmpty(auth.PrivateKeyPem)) =>
                "authentication.certificateFile and authentication.privateKeyFile (or certificatePem and privateKeyPem)",
            _ => null,
        };
        if (missing is not null)
        {
            throw new AgentConfigurationException($"authentication.mode {auth.Mode} needs {missing}.");
        }

        if (auth.Mode is AuthenticationMode.Claim or AuthenticationMode.Certificate && !Broker.Tls)
        {
            throw new AgentConfigurationException($"authentication.mode {auth.Mode} uses a client certificate; set broker.tls to true.");
        }
    }
}
