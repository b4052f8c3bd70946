using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Api.Auth;

/// <summary>
/// Mints ES256 access tokens signed by the embedded key (the silo's <c>mint-token</c> verb and tests). Only registered
/// in embedded mode: with an external authority, that authority issues tokens.
/// </summary>
public sealed class TokenIssuer(SigningKeyStore keys, IOptions<ApiAuthOptions> options, TimeProvider time)
{
    private readonly SigningCredentials _credentials = new(keys.Key, SecurityAlgorithms.EcdsaSha256);

    /// <summary>Mints a token; throws <see cref="InvalidTokenRequestException"/> for a request it must not honour.</summary>
    public string Mint(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        Validate(request, settings.MaxTokenLifetime);
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.EmbeddedIssuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + request.Lifetime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = request.Subject,
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                [settings.RoleClaim] = request.Roles.Distinct(StringComparer.Ordinal).ToArray(),
                [settings.HospitalsClaim] = request.Hospitals.Distinct(StringComparer.Ordinal).ToArray(),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static void Validate(TokenRequest request, TimeSpan maxLifetime)
    {
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            throw new InvalidTokenRequestException("A token needs a subject (--subject), e.g. the user's id.");
        }

        if (request.Roles.Count == 0 || request.Roles.Any(r => !ApiRoles.All.Contains(r)))
        {
            throw new InvalidTokenRequestException($"Roles must be one or more of: {string.Join(", ", ApiRoles.All)}.");
        }

        if (request.Hospitals.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidTokenRequestException("Hospital ids must not be empty.");
        }

        if (request.Roles.Contains(ApiRoles.Clinician)
            && (request.Hospitals.Count == 0 || request.Hospitals.Contains(ApiRoles.AllHospitals)))
        {
            throw new InvalidTokenRequestException("A clinician token must name its hospitals (--hospital h1); '*' is not allowed for clinicians.");
        }

        if (request.Lifetime <= TimeSpan.Zero || request.Lifetime > maxLifetime)
        {
            throw new InvalidTokenRequestException(
                $"The lifetime must be more than zero and at most {maxLifetime} (Visco:Api:Auth:MaxTokenLifetime).");
        }
    }
}
