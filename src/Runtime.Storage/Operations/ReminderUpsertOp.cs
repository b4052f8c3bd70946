using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Creates or replaces a reminder; the result is <see cref="Entry"/>.</summary>
internal sealed class ReminderUpsertOp(ReminderEntry entry, CancellationToken cancellationToken)
    : WriteOp<ReminderEntry>("upsert", StorageErrors.Describe(entry.GrainId, entry.ReminderName), cancellationToken)
{
    public ReminderEntry Entry { get; } = entry;

    public string GrainId { get; } = entry.GrainId.ToString();
}
