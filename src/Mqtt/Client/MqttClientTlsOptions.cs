using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Visco.Mqtt.Client;

/// <summary>TLS settings of a client connection (MQTT over TLS, usually port 8883).</summary>
public sealed class MqttClientTlsOptions
{
    /// <summary>The name the server certificate must carry; defaults to <see cref="MqttClientOptions.Host"/>.</summary>
    public string? TargetHost { get; set; }

    /// <summary>Client certificates for mutual TLS (the certificate needs its private key).</summary>
    public X509CertificateCollection? ClientCertificates { get; set; }

    /// <summary>
    /// Certificate authorities trusted instead of the system store: the server chain must end in one of them. Use it
    /// for a private device CA.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; set; }

    /// <summary>A custom server-certificate check; when set it decides alone (the CA list above is then ignored).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>The TLS versions allowed; <see cref="SslProtocols.None"/> lets the operating system choose.</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    /// <summary>Whether the server certificate's revocation status is checked online.</summary>
    public bool CheckCertificateRevocation { get; set; }

    internal SslClientAuthenticationOptions ToSslOptions(string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = TargetHost ?? host,
            ClientCertificates = ClientCertificates,
            EnabledSslProtocols = EnabledProtocols,
            CertificateRevocationCheckMode = CheckCertificateRevocation
                ? X509RevocationMode.Online
                : X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = ServerCertificateValidation,
        };

        if (ServerCertificateValidation is null && TrustedCertificateAuthorities is { Count: > 0 } authorities)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = options.CertificateRevocationCheckMode,
            };
            policy.CustomTrustStore.AddRange(authorities);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }
}
