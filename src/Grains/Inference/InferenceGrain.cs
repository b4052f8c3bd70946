using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Models;
using Visco.Grains.Measurements;
using Visco.Grains.Models;
using Visco.Model;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Grains.Inference;

/// <summary>
/// The inference pool: stateless workers serving the silo's active model (<see cref="ModelCache.Active"/>, one for all
/// workers of the silo, so a swap reaches them all at once). Each worker asks the registry for the active version on a
/// short timer (<see cref="GrainsOptions.ModelRefreshInterval"/>, 1 s) and swaps the silo's model when it changed.
/// Polling rather than a stream subscription because it is the simplest thing that is right in a cluster too: every
/// silo converges within one interval, a worker activated later serves the current version, and nothing depends on
/// stream delivery. A swap is one reference exchange: a call in flight finishes on the model it started with, and no
/// call is dropped or waits for a load (the file is parsed before the swap, once per silo). The timer interleaves with
/// calls, which is safe because <see cref="Infer"/> never awaits and a reference write is atomic.
/// </summary>
[StatelessWorker]
[GrainType("inference")]
internal sealed class InferenceGrain(ModelCache cache, GrainsOptions options, ILogger<InferenceGrain> logger)
    : Grain, IInferenceGrain
{
    private IGrainTimer? _timer;

    private IModelRegistryGrain Registry => GrainFactory.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _timer = GrainContext.RegisterGrainTimer(
            RefreshAsync, new GrainTimerCreationOptions(options.ModelRefreshInterval, options.ModelRefreshInterval) { Interleave = true });
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<InferenceResult> Infer(SweepData sweep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var model = cache.Active;
        if (model is null)
        {
            // Activated before the bootstrap model was active: look again now rather than wait for the timer.
            await RefreshAsync(cancellationToken);
            model = cache.Active ?? throw new ModelNotReadyException();
        }

        var prediction = model.Predict(SweepMapping.ToSweep(sweep));
        return new InferenceResult(
            prediction.ModelVersion,
            prediction.LowShearViscosity37,
            prediction.HighShearViscosity37,
            ResultClasses.All[(int)prediction.Class],
            prediction.Confidence,
            prediction.Flags);
    }

    /// <inheritdoc />
    public Task<string?> GetLoadedVersion(CancellationToken cancellationToken = default) => Task.FromResult(cache.ActiveVersion);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var current = cache.Active;
        string? version = null;
        try
        {
            version = await Registry.GetActiveVersion(cancellationToken);
            if (version is null || version == current?.Version)
            {
                return;
            }

            var registry = Registry;
            var model = await cache.GetAsync(version, () => registry.GetModelFile(version, cancellationToken));
            if (cache.TrySwap(model, current))
            {
                DomainLog.InferenceModelSwapped(logger, current?.Version, version);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException && version is not null)
        {
            // Keep serving the model we have: a bad or missing file must not take inference down.
            DomainLog.InferenceModelLoadFailed(logger, exception, version, current?.Version);
        }
    }
}
