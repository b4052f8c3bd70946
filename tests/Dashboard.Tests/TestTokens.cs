using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Dashboard.Tests;

/// <summary>Signs test JWTs with a key only the tests know.</summary>
internal static class TestTokens
{
    public const string Issuer = "visco-tests";
    public const string Audience = "visco";

    public static SymmetricSecurityKey Key { get; } = new("visco-dashboard-tests-signing-key-0123456789abcdef"u8.ToArray());

    public static string Create(params string[] roles)
    {
        var claims = new List<Claim> { new("sub", "operator-1") };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
