namespace Visco.Firmware.Configuration;

/// <summary>The agent's credentials (secrets never appear in logs).</summary>
public sealed class AuthenticationOptions
{
    /// <summary>How the agent authenticates.</summary>
    public AuthenticationMode Mode { get; set; } = AuthenticationMode.None;

    /// <summary>The device secret (mode <see cref="AuthenticationMode.Secret"/>).</summary>
    public string? Secret { get; set; }

    /// <summary>The claim id, sent as user name while provisioning (mode <see cref="AuthenticationMode.Claim"/>).</summary>
    public string? ClaimId { get; set; }

    /// <summary>The claim secret, sent as password while provisioning.</summary>
    public string? ClaimSecret { get; set; }

    /// <summary>PEM certificate file (mode <see cref="AuthenticationMode.Certificate"/>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key file of <see cref="CertificateFile"/>.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The certificate as inline PEM instead of a file (the fleet simulator's credentials folder).</summary>
    public string? CertificatePem { get; set; }

    /// <summary>The private key as inline PEM instead of a file.</summary>
    public string? PrivateKeyPem { get; set; }
}
