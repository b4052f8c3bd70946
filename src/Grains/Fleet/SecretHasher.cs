using System.Security.Cryptography;
using System.Text;

namespace Visco.Grains.Fleet;

/// <summary>
/// Hashes device and claim secrets with PBKDF2-SHA256 and a per-secret salt, and verifies them in constant time.
/// The secrets we issue are 256 random bits, so the iteration count is not what protects them; it is kept moderate
/// (about a millisecond) because every MQTT connect verifies one and a fleet reconnecting at once must not stall.
/// Stored as <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so the count can rise later.
/// </summary>
public static class SecretHasher
{
    private const int Iterations = 2_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    /// <summary>A new random secret: 32 bytes, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new random identifier: 12 bytes, base64url (16 characters).</summary>
    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(12));

    /// <summary>Hashes a secret with a new salt.</summary>
    public static string Hash(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether the secret matches the stored hash; false for a malformed hash.</summary>
    public static bool Verify(string secret, string? storedHash)
    {
        if (string.IsNullOrEmpty(secret) || storedHash is null)
        {
            return false;
        }

        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations <= 0)
        {
            return false;
        }

        byte[] salt;
        byte[] expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
