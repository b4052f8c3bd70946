namespace Visco.Firmware.Configuration;

/// <summary>How the agent proves its identity to the broker.</summary>
public enum AuthenticationMode
{
    /// <summary>No credentials (a development broker that allows anonymous clients).</summary>
    None,

    /// <summary>Device id as user name, a per-device secret as password.</summary>
    Secret,

    /// <summary>A client certificate over TLS, obtained on first boot by claim when none is stored yet.</summary>
    Claim,

    /// <summary>A client certificate over TLS read from the configured files.</summary>
    Certificate,
}
