using Visco.Grains.Interfaces.Measurements;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Models;

/// <summary>
/// The inference pool (a stateless worker, key <see cref="PoolKey"/>): runs the active model on a sweep. Every result
/// names the model version that produced it.
/// </summary>
[Alias("inference")]
public interface IInferenceGrain : IGrainWithIntegerKey
{
    /// <summary>The pool's key.</summary>
    const long PoolKey = 0;

    /// <summary>Predicts viscosities, class and flags; fails with <see cref="ModelNotReadyException"/> before a model is active.</summary>
    [Alias("infer")]
    Task<InferenceResult> Infer(SweepData sweep, CancellationToken cancellationToken = default);

    /// <summary>The version this worker serves now; null before a model is active.</summary>
    [Alias("get-loaded-version")]
    Task<string?> GetLoadedVersion(CancellationToken cancellationToken = default);
}
