using Visco.Grains.Interfaces.Hospitals;

namespace Visco.Grains.Hospitals;

/// <summary>A hospital grain's durable state. The roster is written at once; statistics lazily (they may lag after a crash).</summary>
public sealed class HospitalState
{
    /// <summary>Display name; null until created.</summary>
    public string? Name { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether it is in the hospital directory.</summary>
    public bool Listed { get; set; }

    /// <summary>The roster by device id.</summary>
    public Dictionary<string, RosterEntry> Roster { get; set; } = [];

    /// <summary>Statistics by device id.</summary>
    public Dictionary<string, DeviceCounters> Devices { get; set; } = [];

    /// <summary>Measurements per model version.</summary>
    public Dictionary<string, long> ByModelVersion { get; set; } = [];

    /// <summary>Alerts, oldest first (bounded).</summary>
    public List<HospitalAlert> Alerts { get; set; } = [];

    /// <summary>The last stream sequence folded into the statistics (redeliveries at or below it are skipped).</summary>
    public long LastSequence { get; set; }
}
