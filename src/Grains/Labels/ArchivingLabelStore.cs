using Visco.Grains.Interfaces.Api;

namespace Visco.Grains.Labels;

/// <summary>
/// The label store the API uses: saves to the durable, queryable store first, then archives the label to the lake,
/// and returns only when both are done. A failure of either reaches the caller, whose retry is harmless (the store
/// upserts by sample and source, the lake file is named by the label and merged).
/// </summary>
public sealed class ArchivingLabelStore(ILabelStore inner, LakeLabelArchive archive) : ILabelStore
{
    /// <inheritdoc />
    public async Task SaveAsync(SampleLabel label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(label);
        await inner.SaveAsync(label, cancellationToken);
        await archive.ArchiveAsync(label, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SampleLabel>> FindAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default) =>
        inner.FindAsync(hospitalId, sampleId, cancellationToken);
}
