namespace Visco.Grains.Claims;

/// <summary>A provisioning claim's durable state.</summary>
public sealed class ClaimState
{
    /// <summary>The hospital; null until created.</summary>
    public string? HospitalId { get; set; }

    /// <summary>PBKDF2 hash of the claim secret.</summary>
    public string? SecretHash { get; set; }

    /// <summary>When the claim stops working.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
