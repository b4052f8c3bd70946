namespace Visco.Api.Auth;

/// <summary>
/// How the API authenticates callers (section "Visco:Api:Auth"). <see cref="ApiAuthModes.Embedded"/> (the default)
/// signs its own tokens with an ES256 key kept under the data directory; <see cref="ApiAuthModes.Oidc"/> trusts an
/// external OpenID Connect authority (Keycloak, Entra ID, Cognito) found by discovery, configured by settings alone.
/// </summary>
public sealed class ApiAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Visco:Api:Auth";

    /// <summary><c>embedded</c> (default) or <c>oidc</c>.</summary>
    public string Mode { get; set; } = ApiAuthModes.Embedded;

    /// <summary>OIDC: the authority (issuer URL); its discovery document names the JWKS.</summary>
    public string? Authority { get; set; }

    /// <summary>OIDC: the discovery document's address when it is not under the authority.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>OIDC: whether discovery must use HTTPS (leave on outside a lab).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The expected <c>iss</c>: embedded tokens are minted with it; for OIDC it overrides the discovered issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>.</summary>
    public string Audience { get; set; } = "visco-api";

    /// <summary>Accepted signing algorithms; default ES256 (embedded) or RS256, PS256, ES256 (OIDC). Never HS* or none.</summary>
    public string[] ValidAlgorithms { get; set; } = [];

    /// <summary>Tolerance for clock differences on <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Embedded: the PEM file of the signing key; default <c>{Visco:DataDirectory}/keys/api-signing-key.pem</c>.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Embedded: the longest lifetime a minted token may have.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The claim carrying roles (an array or repeated claim).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim carrying the hospital ids a caller may see; <c>*</c> means all (never for clinicians).</summary>
    public string HospitalsClaim { get; set; } = "hospitals";

    /// <summary>The issuer embedded tokens carry when <see cref="Issuer"/> is not set.</summary>
    public const string DefaultEmbeddedIssuer = "urn:visco:silo";

    /// <summary>Whether the deployment signs its own tokens.</summary>
    public bool IsEmbedded => string.Equals(Mode, ApiAuthModes.Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>The issuer to expect and mint with in embedded mode.</summary>
    public string EmbeddedIssuer => string.IsNullOrWhiteSpace(Issuer) ? DefaultEmbeddedIssuer : Issuer;

    /// <summary>The algorithms actually accepted.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms =>
        ValidAlgorithms.Length > 0 ? ValidAlgorithms : IsEmbedded ? ["ES256"] : ["RS256", "PS256", "ES256"];
}
