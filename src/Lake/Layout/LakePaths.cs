using System.Globalization;

namespace Visco.Lake.Layout;

/// <summary>
/// The lake layout (DESIGN.md section 8), Hive-style so independent readers see the partitions as columns:
/// <c>lake/measurements/hospital={h}/date={yyyy-MM-dd}/part-{first:D20}-{last:D20}.parquet</c>, the same under
/// <c>lake/labels/</c>, and <c>lake/models/{version}/</c>. File names derive only from the batch's first and last
/// stream sequence numbers, so writing the same batch again produces the same name and replaces, never duplicates.
/// Zero-padding to 20 digits makes names sort in sequence order.
/// </summary>
public static class LakePaths
{
    /// <summary>The root folder of everything in the lake.</summary>
    public const string Root = "lake";

    /// <summary>The data file extension.</summary>
    public const string Extension = ".parquet";

    /// <summary>The folder of a dataset, with a trailing slash.</summary>
    public static string DatasetPrefix(LakeDataset dataset) => dataset switch
    {
        LakeDataset.Measurements => "lake/measurements/",
        LakeDataset.Labels => "lake/labels/",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "unknown dataset"),
    };

    /// <summary>The folder of one hospital in a dataset, with a trailing slash.</summary>
    public static string HospitalPrefix(LakeDataset dataset, string hospitalId) =>
        $"{DatasetPrefix(dataset)}hospital={HivePathEscaper.Escape(RequireId(hospitalId))}/";

    /// <summary>The folder of one hospital and day, with a trailing slash.</summary>
    public static string PartitionPrefix(LakeDataset dataset, string hospitalId, DateOnly date) =>
        $"{HospitalPrefix(dataset, hospitalId)}date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";

    /// <summary>The file of a batch covering stream sequences <paramref name="firstSequence"/>..<paramref name="lastSequence"/>.</summary>
    public static string DataFile(LakeDataset dataset, string hospitalId, DateOnly date, long firstSequence, long lastSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastSequence, firstSequence);
        return $"{PartitionPrefix(dataset, hospitalId, date)}part-{firstSequence:D20}-{lastSequence:D20}{Extension}";
    }

    /// <summary>The measurement file of a batch.</summary>
    public static string MeasurementFile(string hospitalId, DateOnly date, long firstSequence, long lastSequence) =>
        DataFile(LakeDataset.Measurements, hospitalId, date, firstSequence, lastSequence);

    /// <summary>The label file of a batch.</summary>
    public static string LabelFile(string hospitalId, DateOnly date, long firstSequence, long lastSequence) =>
        DataFile(LakeDataset.Labels, hospitalId, date, firstSequence, lastSequence);

    /// <summary>The folder of a model version, with a trailing slash.</summary>
    public static string ModelDirectory(string version) => $"lake/models/{HivePathEscaper.Escape(RequireId(version))}/";

    /// <summary>A file inside a model version's folder.</summary>
    public static string ModelFile(string version, string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || fileName.Contains('/', StringComparison.Ordinal) || fileName is "." or "..")
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name", nameof(fileName));
        }

        return ModelDirectory(version) + fileName;
    }

    /// <summary>Parses a data file path; false for anything that is not one (other files, temp files, bad names).</summary>
    public static bool TryParse(string path, out LakeFile? file)
    {
        file = null;
        var parts = path?.Split('/') ?? [];
        if (parts.Length != 5 || parts[0] != Root)
        {
            return false;
        }

        LakeDataset dataset;
        if (parts[1] == "measurements")
        {
            dataset = LakeDataset.Measurements;
        }
        else if (parts[1] == "labels")
        {
            dataset = LakeDataset.Labels;
        }
        else
        {
            return false;
        }

        if (!parts[2].StartsWith("hospital=", StringComparison.Ordinal) || !parts[3].StartsWith("date=", StringComparison.Ordinal) ||
            !DateOnly.TryParseExact(parts[3]["date=".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ||
            !TryParseName(parts[4], out var first, out var last))
        {
            return false;
        }

        file = new LakeFile(path!, dataset, HivePathEscaper.Unescape(parts[2]["hospital=".Length..]), date, first, last);
        return true;
    }

    private static bool TryParseName(string name, out long first, out long last)
    {
        first = last = 0;
        const int Digits = 20;
        if (name.Length != "part-".Length + Digits + 1 + Digits + Extension.Length ||
            !name.StartsWith("part-", StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal) ||
            name["part-".Length + Digits] != '-')
        {
            return false;
        }

        return long.TryParse(name.AsSpan("part-".Length, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out first) &&
            long.TryParse(name.AsSpan("part-".Length + Digits + 1, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out last) &&
            last >= first;
    }

    private static string RequireId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return id;
    }
}
