namespace Visco.Grains.Archive;

/// <summary>Where one hospital's archive stands.</summary>
/// <param name="HospitalId">The hospital.</param>
/// <param name="ArchivedThrough">The last stream sequence whose batch is in the lake.</param>
/// <param name="PendingRows">Measurements accepted (spooled) but not yet in a lake file.</param>
/// <param name="LastSequence">The last stream sequence handled (archived, pending or dropped as a repeat).</param>
/// <param name="Files">Lake files written.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Duplicates">Repeated samples dropped since activation.</param>
public sealed record ArchiveStatus(
    string HospitalId, long ArchivedThrough, int PendingRows, long LastSequence, long Files, long Rows, long Duplicates);
