using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Visco.MqttFrontDoor.Security;

namespace Visco.MqttFrontDoor.Hosting;

/// <summary>
/// The self-signed server certificate of the embedded default (CN=localhost, SAN localhost/127.0.0.1/::1), created
/// on first start under the data directory, key readable by the owner only. Production configures a real one.
/// </summary>
public static class DevelopmentServerCertificate
{
    /// <summary>File name of the certificate (PEM).</summary>
    public const string CertificateFileName = "mqtt-server.crt.pem";

    /// <summary>File name of the key (PKCS#8 PEM).</summary>
    public const string KeyFileName = "mqtt-server.key.pem";

    /// <summary>Loads the certificate of the folder, creating it first when missing or expired; true in created when new.</summary>
    public static X509Certificate2 LoadOrCreate(string directory, TimeProvider time, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(time);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        created = false;
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(7))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(2));
        SecureFiles.EnsureDirectory(directory);
        SecureFiles.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        SecureFiles.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        created = true;
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }
}
