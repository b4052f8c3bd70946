namespace Visco.Grains.Archive;

/// <summary>
/// An archive grain's durable state, written before each lake batch's files (the cut) and after them: how far the
/// lake goes, and the recent (device, sample) keys, so a sample published twice is archived once across restarts.
/// </summary>
public sealed class ArchiveState
{
    /// <summary>
    /// How far the lake goes: every event of the stream up to this sequence is in a lake file or was dropped as a
    /// repeat (0 = none). The stream is committed up to here after this state is written.
    /// </summary>
    public long ArchivedThrough { get; set; }

    /// <summary>
    /// The last sequence of the batch being written (stored before its files). Past <see cref="ArchivedThrough"/> it
    /// means the silo died during that write: the next activation cuts exactly these rows again, so the files get the
    /// same names.
    /// </summary>
    public long WritingThrough { get; set; }

    /// <summary>
    /// Recent <c>deviceId/sampleId</c> keys of rows in the lake, oldest first (bounded by
    /// <see cref="ArchiveOptions.DedupWindow"/>); keys of rows still pending are left out, since those rows come again.
    /// </summary>
    public List<string> RecentSamples { get; set; } = [];

    /// <summary>Files written since the grain first ran.</summary>
    public long Files { get; set; }

    /// <summary>Rows written since the grain first ran.</summary>
    public long Rows { get; set; }
}
