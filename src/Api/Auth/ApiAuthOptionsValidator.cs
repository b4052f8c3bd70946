using Microsoft.Extensions.Options;

namespace Visco.Api.Auth;

/// <summary>Checks "Visco:Api:Auth" at start-up and says how to fix a wrong setting.</summary>
internal sealed class ApiAuthOptionsValidator : IValidateOptions<ApiAuthOptions>
{
    private static readonly HashSet<string> Asymmetric =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public ValidateOptionsResult Validate(string? name, ApiAuthOptions options)
    {
        var failures = new List<string>();
        if (!options.IsEmbedded && !string.Equals(options.Mode, ApiAuthModes.Oidc, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Visco:Api:Auth:Mode is '{options.Mode}'; use 'embedded' (tokens signed by this deployment) or 'oidc' (an external OpenID Connect authority).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Visco:Api:Auth:Audience is empty; set the audience (aud) your tokens carry, e.g. 'visco-api'.");
        }

        foreach (var algorithm in options.ValidAlgorithms.Where(a => !Asymmetric.Contains(a)))
        {
            // RFC 8725 3.1: no 'none', and no shared-secret algorithms that a public key could be abused as.
            failures.Add($"Visco:Api:Auth:ValidAlgorithms contains '{algorithm}'; only asymmetric algorithms are allowed ({string.Join(", ", Asymmetric)}).");
        }

        if (options.IsEmbedded && options.EffectiveAlgorithms.Any(a => a != "ES256"))
        {
            failures.Add("Visco:Api:Auth:ValidAlgorithms must be ES256 (or unset) in embedded mode: the embedded key is a P-256 key.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Visco:Api:Auth:ClockSkew is {options.ClockSkew}; use 00:00:00 to 00:05:00 (default 00:00:30).");
        }

        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.MaxTokenLifetime > TimeSpan.FromDays(30))
        {
            failures.Add($"Visco:Api:Auth:MaxTokenLifetime is {options.MaxTokenLifetime}; use more than zero and at most 30.00:00:00.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.HospitalsClaim))
        {
            failures.Add("Visco:Api:Auth:RoleClaim and HospitalsClaim must name the token claims carrying roles and hospital ids.");
        }

        if (!options.IsEmbedded)
        {
            if (!IsAbsolute(options.Authority) && !IsAbsolute(options.MetadataAddress))
            {
                failures.Add("Visco:Api:Auth:Mode is 'oidc' but neither Authority nor MetadataAddress is an absolute URL; set Authority to your realm or tenant, e.g. https://keycloak.example/realms/visco.");
            }

            if (options.RequireHttpsMetadata && (IsHttp(options.Authority) || IsHttp(options.MetadataAddress)))
            {
                failures.Add("Visco:Api:Auth:Authority/MetadataAddress use http://; use https://, or set RequireHttpsMetadata=false for a local test authority only.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAbsolute(string? url) => Uri.TryCreate(url, UriKind.Absolute, out _);

    private static bool IsHttp(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp;
}
