using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Api.Auth;

/// <summary>
/// The embedded deployment's token signing key: an ECDSA P-256 key (ES256) in a PKCS#8 PEM file that only the silo's
/// user can read (0600). Generated on first start; the file is written under a temporary name and renamed, so two
/// processes starting at once end up sharing one key instead of each trusting its own. The key id is the key's
/// RFC 7638 JWK thumbprint, so it changes exactly when the key does.
/// </summary>
public sealed class SigningKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Loads the key at <paramref name="path"/>, creating it (and its folder) when it does not exist.</summary>
    public SigningKeyStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var ecdsa = File.Exists(Path) ? Load(Path) : CreateOrLoad(Path);
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key).ComputeJwkThumbprint());
        Key = key;
    }

    /// <summary>The PEM file.</summary>
    public string Path { get; }

    /// <summary>The signing key, with its key id.</summary>
    public ECDsaSecurityKey Key { get; }

    /// <summary>The key id (<c>kid</c>) tokens carry.</summary>
    public string KeyId => Key.KeyId;

    private static ECDsa CreateOrLoad(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
        {
            writer.Write(ecdsa.ExportPkcs8PrivateKeyPem());
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return ecdsa;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: use theirs, so every process of the deployment signs alike.
            File.Delete(temporary);
            ecdsa.Dispose();
            return Load(path);
        }
    }

    private static ECDsa Load(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
        {
            throw new SigningKeyException(
                $"The API signing key '{path}' is readable by other users; run 'chmod 600 {path}' (and rotate the key if others may have read it).");
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new SigningKeyException(
                $"The API signing key '{path}' is not a PEM ECDSA private key; restore it from backup, or delete it to generate a new one (every token issued so far stops working).",
                exception);
        }

        if (ecdsa.KeySize != 256)
        {
            ecdsa.Dispose();
            throw new SigningKeyException($"The API signing key '{path}' is not a P-256 key (ES256); delete it to generate a new one.");
        }

        return ecdsa;
    }
}
