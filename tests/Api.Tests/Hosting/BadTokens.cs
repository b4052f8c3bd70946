using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Visco.Api.Auth;

namespace Visco.Api.Tests.Hosting;

/// <summary>Tokens an attacker or a misconfigured client could send (RFC 8725's catalogue of mistakes).</summary>
public static class BadTokens
{
    /// <summary>A clinician token of hospital h-a signed with <paramref name="key"/> and the given fields.</summary>
    public static string Sign(
        SecurityKey key, string algorithm = SecurityAlgorithms.EcdsaSha256, string issuer = ApiAuthOptions.DefaultEmbeddedIssuer,
        string audience = "visco-api", DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, algorithm),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["roles"] = new[] { "clinician" }, ["hospitals"] = new[] { "h-a" } },
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string AlgNone()
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"mallory","iss":"{{ApiAuthOptions.DefaultEmbeddedIssuer}}","aud":"visco-api","roles":["ops"],"hospitals":["*"],"nbf":{{now.AddMinutes(-1).ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>HS256 keyed with the deployment's public key (the classic algorithm-confusion attack), with its kid.</summary>
    public static string Hs256WithPublicKey(SigningKeyStore keys)
    {
        var publicPem = keys.Key.ECDsa.ExportSubjectPublicKeyInfoPem();
        var hmac = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(publicPem)) { KeyId = keys.KeyId };
        return Sign(hmac, SecurityAlgorithms.HmacSha256);
    }

    /// <summary>A valid token whose payload was edited afterwards to grant ops over every hospital.</summary>
    public static string Tampered(string valid)
    {
        var parts = valid.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"clinician\"", "\"ops\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>Signed by the deployment's own key material but naming a key id it does not publish.</summary>
    public static string UnknownKid(SigningKeyStore keys) =>
        Sign(new ECDsaSecurityKey(keys.Key.ECDsa) { KeyId = "not-our-key" });

    /// <summary>Signed by a stranger's P-256 key under the deployment's key id.</summary>
    public static string ForeignKey(SigningKeyStore keys) =>
        Sign(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keys.KeyId });
}
