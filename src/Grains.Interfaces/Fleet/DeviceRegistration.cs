namespace Visco.Grains.Interfaces.Fleet;

/// <summary>What registering a device records.</summary>
/// <param name="HospitalId">The hospital it belongs to.</param>
/// <param name="Secret">Its initial secret (stored hashed only); null for a certificate-only device.</param>
/// <param name="RegisteredBy">Who registered it, for the audit.</param>
public sealed record DeviceRegistration(string HospitalId, string? Secret, string RegisteredBy);
