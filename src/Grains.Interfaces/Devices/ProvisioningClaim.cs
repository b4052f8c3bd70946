namespace Visco.Grains.Interfaces.Devices;

/// <summary>A claim credential, shared by a batch of new analysers of one hospital, that may only provision.</summary>
/// <param name="ClaimId">The claim's id (the MQTT username it connects with).</param>
/// <param name="HospitalId">The hospital whose registered devices it may provision.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record ProvisioningClaim(string ClaimId, string HospitalId, DateTimeOffset ExpiresAt);
