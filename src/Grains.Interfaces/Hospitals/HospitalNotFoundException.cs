namespace Visco.Grains.Interfaces.Hospitals;

/// <summary>An operation named a hospital that was never created.</summary>
public sealed class HospitalNotFoundException(string hospitalId)
    : InvalidOperationException($"Hospital '{hospitalId}' does not exist; create it first.")
{
    /// <summary>The hospital id.</summary>
    public string HospitalId { get; } = hospitalId;
}
