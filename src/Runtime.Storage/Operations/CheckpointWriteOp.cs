using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Upserts checkpoints, each only forwards.</summary>
internal sealed class CheckpointWriteOp(IReadOnlyList<StreamCheckpoint> checkpoints, CancellationToken cancellationToken)
    : WriteOp<bool>("write", cancellationToken)
{
    public IReadOnlyList<StreamCheckpoint> Checkpoints { get; } = checkpoints;

    public override string Target => "stream checkpoints";
}
