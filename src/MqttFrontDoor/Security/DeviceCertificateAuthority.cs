using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Visco.MqttFrontDoor.Security;

/// <summary>
/// The CA that issues analysers their client certificates: created once (<see cref="Create"/>, PEM files in an
/// owner-only folder), loaded by the front door (<see cref="Load"/>) to check client certificates and to sign the
/// CSRs of provisioning by claim.
/// </summary>
public sealed class DeviceCertificateAuthority : IDisposable
{
    /// <summary>File name of the CA certificate (PEM) in its folder.</summary>
    public const string CertificateFileName = "device-ca.crt.pem";

    /// <summary>File name of the CA private key (PKCS#8 PEM) in its folder.</summary>
    public const string KeyFileName = "device-ca.key.pem";

    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private DeviceCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate (with its private key when it can sign).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Whether the private key is loaded, so CSRs can be signed.</summary>
    public bool CanSign => Certificate.HasPrivateKey;

    /// <summary>The CA certificate in PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Whether a CA exists in the folder.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, CertificateFileName));

    /// <summary>Creates a self-signed device CA and writes it to the folder (refuses to overwrite unless asked).</summary>
    public static DeviceCertificateAuthority Create(
        string directory,
        string commonName = "Visco Device CA",
        DeviceCaKeyAlgorithm algorithm = DeviceCaKeyAlgorithm.EcdsaP256,
        TimeSpan? validity = null,
        bool overwrite = false,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (Exists(directory) && !overwrite)
        {
            throw new DeviceCertificateException($"A device CA already exists in {directory}; pass overwrite to replace it (every issued certificate stops working).");
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        var subject = new X500DistinguishedName($"CN={commonName}");
        using AsymmetricAlgorithm key = algorithm == DeviceCaKeyAlgorithm.Rsa3072 ? RSA.Create(3072) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsa
            ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity ?? TimeSpan.FromDays(3650)));
        SecureFiles.EnsureDirectory(directory);
        SecureFiles.WriteAllText(Path.Combine(directory, KeyFileName), key.ExportPkcs8PrivateKeyPem());
        SecureFiles.WriteAllText(Path.Combine(directory, CertificateFileName), certificate.ExportCertificatePem());
        return new DeviceCertificateAuthority(certificate);
    }

    /// <summary>Loads the CA of a folder (its key too when the key file is there).</summary>
    public static DeviceCertificateAuthority Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(certificatePath))
        {
            throw new DeviceCertificateException($"No device CA in {directory} (expected {CertificateFileName}); create one with the silo's create-device-ca verb.");
        }

        try
        {
            var certificate = File.Exists(keyPath)
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromPemFile(certificatePath);
            return new DeviceCertificateAuthority(certificate);
        }
        catch (CryptographicException exception)
        {
            throw new DeviceCertificateException($"The device CA in {directory} cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Signs a PKCS#10 request (PEM or DER) for a device: the subject becomes CN={deviceId} whatever the CSR says, with
    /// client-authentication EKU; the CSR's own signature must verify (proof of possession of the key).
    /// </summary>
    public X509Certificate2 SignRequest(ReadOnlySpan<byte> csr, string deviceId, TimeSpan validity, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        if (!CanSign)
        {
            throw new DeviceCertificateException("The device CA was loaded without its private key and cannot sign.");
        }

        CertificateRequest request;
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(csr);
            request = text.Contains("-----BEGIN", StringComparison.Ordinal)
                ? CertificateRequest.LoadSigningRequestPem(text, HashAlgorithmName.SHA256)
                : CertificateRequest.LoadSigningRequest(csr.ToArray(), HashAlgorithmName.SHA256);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw new DeviceCertificateException("The certificate signing request is not a valid PKCS#10 request (PEM or DER) with a verifiable signature.", exception);
        }

        var padding = Certificate.GetRSAPublicKey() is null ? null : RSASignaturePadding.Pkcs1;
        var signed = new CertificateRequest(new X500DistinguishedName($"CN={deviceId}"), request.PublicKey, HashAlgorithmName.SHA256, padding);
        signed.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        signed.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.KeyEncipherment, true));
        signed.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        signed.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(signed.PublicKey, false));
        signed.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var notAfter = now.Add(validity);
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        var notBefore = now.AddMinutes(-5);
        if (notBefore < Certificate.NotBefore)
        {
            notBefore = Certificate.NotBefore;
        }

        if (notAfter <= notBefore)
        {
            throw new DeviceCertificateException($"The device CA is valid from {Certificate.NotBefore:O} to {Certificate.NotAfter:O}; it cannot issue a certificate at {now:O}. Renew the CA.");
        }

        return signed.Create(Certificate, notBefore, notAfter, serial);
    }

    /// <summary>
    /// Checks a client certificate: chains to this CA (and nothing else), valid now, client-authentication use.
    /// Returns null when good, else why not.
    /// </summary>
    public string? Validate(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (!chain.Build(certificate))
        {
            return string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span) ? null : "not issued by the device CA";
    }

    /// <summary>The SHA-256 thumbprint (hex, upper case) the registry keeps for a certificate.</summary>
    public static string Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Disposes the certificate and key.</summary>
    public void Dispose() => Certificate.Dispose();
}
