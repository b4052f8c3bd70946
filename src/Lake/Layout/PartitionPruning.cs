using Visco.Lake.Storage;

namespace Visco.Lake.Layout;

/// <summary>
/// Finds the data files of a set of hospitals and a date range without opening any: only the partition folders of the
/// requested hospitals are listed, and files outside the dates are dropped by their path.
/// </summary>
public static class PartitionPruning
{
    /// <summary>The data files among <paramref name="paths"/> in the hospitals (null = all) and dates (inclusive).</summary>
    public static IReadOnlyList<LakeFile> Select(IEnumerable<string> paths, LakeDataset dataset,
        IReadOnlySet<string>? hospitals, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<LakeFile>();
        foreach (var path in paths)
        {
            if (LakePaths.TryParse(path, out var file) && file!.Dataset == dataset &&
                (hospitals is null || hospitals.Contains(file.HospitalId)) && file.Date >= from && file.Date <= to)
            {
                result.Add(file);
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>Lists the data files of the hospitals (null = all) between the dates (inclusive) in a store.</summary>
    public static async Task<IReadOnlyList<LakeFile>> ListAsync(ILakeStore store, LakeDataset dataset,
        IReadOnlySet<string>? hospitals, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var prefixes = hospitals is null
            ? [LakePaths.DatasetPrefix(dataset)]
            : hospitals.Select(h => LakePaths.HospitalPrefix(dataset, h)).ToList();
        var paths = new List<string>();
        foreach (var prefix in prefixes)
        {
            var objects = await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
            paths.AddRange(objects.Select(o => o.Path));
        }

        return Select(paths, dataset, hospitals, from, to);
    }
}
