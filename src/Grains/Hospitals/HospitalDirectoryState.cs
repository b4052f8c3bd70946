namespace Visco.Grains.Hospitals;

/// <summary>The hospital directory's durable state.</summary>
public sealed class HospitalDirectoryState
{
    /// <summary>Every hospital id, kept in ordinal order (a list, so the order survives serialization as it is).</summary>
    public List<string> HospitalIds { get; set; } = [];
}
