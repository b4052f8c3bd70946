using Visco.Runtime.Abstractions;
using Visco.Runtime.Storage.Batching;

namespace Visco.Runtime.Storage.Operations;

/// <summary>A conditional state delete.</summary>
internal sealed class StateClearOp(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    : WriteOp<bool>("clear", cancellationToken)
{
    public string GrainId { get; } = grainId.ToString();

    public string StateName { get; } = stateName;

    public string? ExpectedEtag { get; } = expectedEtag;

    public override string Target => $"'{StateName}' of grain {GrainId}";
}
