using Visco.Runtime.Abstractions;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>A conditional state write; its result is the new ETag.</summary>
internal sealed class StateWriteOp(GrainId grainId, string stateName, byte[] data, string? expectedEtag, CancellationToken cancellationToken)
    : WriteOp<string>("write", cancellationToken)
{
    public string GrainId { get; } = grainId.ToString();

    public string StateName { get; } = stateName;

    public byte[] Data { get; } = data;

    public string? ExpectedEtag { get; } = expectedEtag;

    public string NewEtag { get; } = StorageETag.New();

    public override string Target => $"'{StateName}' of grain {GrainId}";
}
