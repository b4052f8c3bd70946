using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Api.Auth;

/// <summary>
/// Configures JWT bearer validation (RFC 8725): algorithms pinned, signature, issuer, audience and lifetime always
/// checked with a small clock skew, a key only by its exact <c>kid</c>. Embedded mode trusts only the deployment's
/// key; OIDC mode fetches the authority's keys by discovery and refreshes them when they rotate.
/// </summary>
internal sealed class JwtBearerConfigurator(IOptions<ApiAuthOptions> auth, IServiceProvider services)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = auth.Value;
        // The handler caches tokens it validated (every check on first sight; see CachingJsonWebTokenHandler).
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(services.GetRequiredService<CachingJsonWebTokenHandler>());
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.Audience = settings.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            // An unknown kid is rejected outright rather than tried against every key we hold.
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = settings.EffectiveAlgorithms,
            ClockSkew = settings.ClockSkew,
            NameClaimType = "sub",
            RoleClaimType = settings.RoleClaim,
        };

        if (settings.IsEmbedded)
        {
            options.TokenValidationParameters.ValidIssuer = settings.EmbeddedIssuer;
            options.TokenValidationParameters.IssuerSigningKey = services.GetRequiredService<SigningKeyStore>().Key;
        }
        else
        {
            options.Authority = settings.Authority;
            options.MetadataAddress = settings.MetadataAddress!;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.TokenValidationParameters.ValidIssuer = string.IsNullOrWhiteSpace(settings.Issuer) ? null : settings.Issuer;
        }

        options.Events = new JwtBearerEvents
        {
            OnChallenge = BearerChallenge.WriteAsync,
            OnForbidden = BearerChallenge.WriteForbiddenAsync,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
