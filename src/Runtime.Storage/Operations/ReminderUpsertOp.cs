using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Creates or replaces a reminder; the result is <see cref="Entry"/>.</summary>
internal sealed class ReminderUpsertOp(ReminderEntry entry, CancellationToken cancellationToken)
    : WriteOp<ReminderEntry>("upsert", cancellationToken)
{
    public ReminderEntry Entry { get; } = entry;

    public string GrainId { get; } = entry.GrainId.ToString();

    public override string Target => StorageErrors.Describe(Entry.GrainId, Entry.ReminderName);
}
