using Visco.Runtime.Abstractions;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Removes a reminder; the result says whether there was one.</summary>
internal sealed class ReminderRemoveOp(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    : WriteOp<bool>("remove", cancellationToken)
{
    public string GrainId { get; } = grainId.ToString();

    public string ReminderName { get; } = reminderName;

    public override string Target => $"'{ReminderName}' of grain {GrainId}";
}
