using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Visco.Firmware.Security;

/// <summary>
/// The device's key and certificate under <c>{stateDirectory}/credentials/</c> (folder 0700, files 0600): the private
/// key never leaves the analyser, and another account on its computer can read neither file.
/// </summary>
public sealed class CredentialStore(string stateDirectory)
{
    /// <summary>The folder of the credentials.</summary>
    public string Directory { get; } = Path.Combine(stateDirectory, "credentials");

    /// <summary>The private key (PKCS#8 PEM).</summary>
    public string KeyPath => Path.Combine(Directory, "device.key.pem");

    /// <summary>The device certificate (PEM).</summary>
    public string CertificatePath => Path.Combine(Directory, "device.cert.pem");

    /// <summary>The key of a certificate request still unanswered (PKCS#8 PEM), kept so a lost answer can be found again.</summary>
    public string PendingKeyPath => Path.Combine(Directory, "pending.key.pem");

    /// <summary>The issuing CA chain sent with the certificate (PEM).</summary>
    public string ChainPath => Path.Combine(Directory, "ca-chain.pem");

    /// <summary>Whether a key and certificate are stored.</summary>
    public bool HasCertificate => File.Exists(KeyPath) && File.Exists(CertificatePath);

    /// <summary>Stores a key and its certificate (and the chain), each atomically with mode 0600.</summary>
    public void Save(ECDsa key, string certificatePem, string? chainPem)
    {
        ArgumentNullException.ThrowIfNull(key);
        SecureFiles.CreatePrivateDirectory(Directory);
        SecureFiles.WriteAllBytes(KeyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        SecureFiles.WriteAllBytes(CertificatePath, Encoding.ASCII.GetBytes(certificatePem));
        if (chainPem is not null)
        {
            SecureFiles.WriteAllBytes(ChainPath, Encoding.ASCII.GetBytes(chainPem));
        }

        File.Delete(PendingKeyPath);
    }

    /// <summary>
    /// The key of the unanswered certificate request: the stored one, or a new ECDSA P-256 key stored (0600) before it
    /// is ever sent in a request.
    /// </summary>
    public ECDsa LoadOrCreatePendingKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(PendingKeyPath))
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(PendingKeyPath));
                return key;
            }
            catch (Exception exception) when (exception is ArgumentException or CryptographicException)
            {
                // Damaged: a fresh key and a fresh request.
                key.Dispose();
                key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            }
        }

        SecureFiles.CreatePrivateDirectory(Directory);
        SecureFiles.WriteAllBytes(PendingKeyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        return key;
    }

    /// <summary>Loads the stored certificate with its key, ready for TLS client authentication.</summary>
    public X509Certificate2 LoadCertificate() => LoadPemPair(CertificatePath, KeyPath);

    /// <summary>Deletes the stored credentials (the wipe command).</summary>
    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>Loads a PEM certificate and key. The key is round-tripped through PKCS#12 so TLS can use it on every platform.</summary>
    public static X509Certificate2 LoadPemPair(string certificatePath, string keyPath) =>
        LoadPem(File.ReadAllText(certificatePath), File.ReadAllText(keyPath));

    /// <summary>Loads a certificate and key from PEM text.</summary>
    public static X509Certificate2 LoadPem(string certificatePem, string keyPem)
    {
        using var pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
