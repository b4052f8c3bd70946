using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Visco.MqttFrontDoor.Security;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>Device CAs and client certificates for tests.</summary>
public static class DeviceFixture
{
    /// <summary>A new device CA in a fresh temporary folder.</summary>
    public static (DeviceCertificateAuthority Authority, string Directory) CreateAuthority(string name = "Test Device CA")
    {
        var directory = Path.Combine(Path.GetTempPath(), "visco-mqtt-tests", "ca-" + Guid.NewGuid().ToString("N"));
        return (DeviceCertificateAuthority.Create(directory, name), directory);
    }

    /// <summary>A key and a CSR (PEM) for a device.</summary>
    public static (ECDsa Key, string CsrPem) CreateCsr(string subjectName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256);
        return (key, request.CreateSigningRequestPem());
    }

    /// <summary>A client certificate (with its key) issued by the CA for a device.</summary>
    public static X509Certificate2 Issue(DeviceCertificateAuthority authority, string deviceId)
    {
        var (key, csr) = CreateCsr(deviceId);
        using (key)
        {
            using var certificate = authority.SignRequest(System.Text.Encoding.ASCII.GetBytes(csr), deviceId, TimeSpan.FromDays(30), DateTimeOffset.UtcNow);
            return WithKey(certificate, key);
        }
    }

    /// <summary>The certificate with the private key, exported and re-imported so SslStream can use it on every platform.</summary>
    public static X509Certificate2 WithKey(X509Certificate2 certificate, ECDsa key)
    {
        using var withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
