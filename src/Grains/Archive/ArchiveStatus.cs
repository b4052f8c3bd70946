namespace Visco.Grains.Archive;

/// <summary>Where one hospital's archive stands.</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="ArchivedThrough">Every event up to this stream sequence is in the lake (or was dropped as a repeat).</param>
/// <param name="PendingRows">Measurements delivered and held in memory, not yet in a lake file (nor committed).</param>
/// <param name="LastSequence">The last stream sequence handled (archived, pending or dropped as a repeat).</param>
/// <param name="Files">Lake files written.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Duplicates">Repeated samples dropped since activation.</param>
public sealed record ArchiveStatus(
    string HospitalId, long ArchivedThrough, int PendingRows, long LastSequence, long Files, long Rows, long Duplicates);
