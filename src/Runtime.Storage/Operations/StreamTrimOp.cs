using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>Deletes events at or below a position.</summary>
internal sealed class StreamTrimOp(long upToPosition, CancellationToken cancellationToken)
    : WriteOp<bool>("trim", cancellationToken)
{
    public long UpToPosition { get; } = upToPosition;

    public override string Target => "stream events";
}
