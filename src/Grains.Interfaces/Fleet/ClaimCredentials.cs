namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A provisioning claim's credentials, shown once at creation.</summary>
/// <param name="ClaimId">The claim id (MQTT username).</param>
/// <param name="HospitalId">The hospital whose devices it may provision.</param>
/// <param name="Secret">The shared secret (MQTT password).</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record ClaimCredentials(string ClaimId, string HospitalId, string Secret, DateTimeOffset ExpiresAt);
