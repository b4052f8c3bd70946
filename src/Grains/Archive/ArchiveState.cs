namespace Visco.Grains.Archive;

/// <summary>
/// An archive grain's durable state, written once per batch after its files are in the lake: how far the lake goes
/// and the recent (device, sample) keys, so a sample published twice is archived once across restarts.
/// </summary>
public sealed class ArchiveState
{
    /// <summary>The last stream sequence whose batch is in the lake (0 = none).</summary>
    public long ArchivedThrough { get; set; }

    /// <summary>Recent <c>deviceId/sampleId</c> keys, oldest first (bounded by <see cref="ArchiveOptions.DedupWindow"/>).</summary>
    public List<string> RecentSamples { get; set; } = [];

    /// <summary>Files written since the grain first ran.</summary>
    public long Files { get; set; }

    /// <summary>Rows written since the grain first ran.</summary>
    public long Rows { get; set; }
}
