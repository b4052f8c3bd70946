namespace Visco.Api.Auth;

/// <summary>The values of <see cref="ApiAuthOptions.Mode"/>.</summary>
public static class ApiAuthModes
{
    /// <summary>The deployment signs its own tokens (the embedded default).</summary>
    public const string Embedded = "embedded";

    /// <summary>An external OpenID Connect authority issues the tokens.</summary>
    public const string Oidc = "oidc";
}
