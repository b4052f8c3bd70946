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
/// The inference pool: stateless workers holding the active model. Each worker asks the registry for the active
/// version on a short timer (<see cref="GrainsOptions.ModelRefreshInterval"/>, 1 s) and swaps its model reference when
/// it changed. Polling rather than a stream subscription because it is the simplest thing that is right in a cluster
/// too: every worker on every silo converges within one interval, a worker activated later starts on the current
/// version, and nothing depends on stream delivery. A swap is one reference assignment: a call in flight finishes on
/// the model it started with, and no call is dropped or waits for a load (the file is parsed before the swap, once
/// per silo, by <see cref="ModelCache"/>). The timer interleaves with calls, which is safe because
/// <see cref="Infer"/> never awaits and a reference write is atomic.
/// </summary>
[StatelessWorker]
[GrainType("inference")]
internal sealed class InferenceGrain(ModelCache cache, GrainsOptions options, ILogger<InferenceGrain> logger)
    : Grain, IInferenceGrain
{
    private volatile ViscosityModel? _model;
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
        var model = _model;
        if (model is null)
        {
            // Activated before the bootstrap model was active: look again now rather than wait for the timer.
            await RefreshAsync(cancellationToken);
            model = _model ?? throw new ModelNotReadyException();
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
    public Task<string?> GetLoadedVersion(CancellationToken cancellationToken = default) => Task.FromResult(_model?.Version);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var current = _model;
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
            _model = model;
            cache.MarkActive(version);
            DomainLog.InferenceModelSwapped(logger, current?.Version, version);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && version is not null)
        {
            // Keep serving the model we have: a bad or missing file must not take inference down.
            DomainLog.InferenceModelLoadFailed(logger, exception, version, current?.Version);
        }
    }
}
