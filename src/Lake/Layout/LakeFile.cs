namespace Visco.Lake.Layout;

/// <summary>A data file of the lake, as its path describes it.</summary>
/// <param name="Path">The path relative to the store root (<c>lake/measurements/hospital=.../date=.../part-...</c>).</param>
/// <param name="Dataset">Measurements or labels.</param>
/// <param name="HospitalId">The hospital partition (unescaped).</param>
/// <param name="Date">The date partition (UTC day of the rows).</param>
/// <param name="FirstSequence">The first stream sequence number in the file.</param>
/// <param name="LastSequence">The last stream sequence number in the file.</param>
public sealed record LakeFile(string Path, LakeDataset Dataset, string HospitalId, DateOnly Date, long FirstSequence, long LastSequence);
