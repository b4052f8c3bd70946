namespace Visco.Api.Hospitals;

/// <summary>Creates a hospital.</summary>
/// <param name="HospitalId">Its id (1-64 ASCII letters, digits, '-', '_' or '.'; the tenant key of everything).</param>
/// <param name="Name">Its display name.</param>
public sealed record CreateHospitalRequest(string HospitalId, string Name);
