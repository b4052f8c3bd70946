using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Models;
using Visco.Model;
using Visco.Model.Files;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Models;

/// <summary>
/// Makes sure a model is active: when the registry is empty it trains version 1 from the simulator with the fixed
/// seed (seconds, outside any grain so no grain turn is held), registers and activates it; then it loads the active
/// model into the silo's <see cref="ModelCache"/>, which is what readiness reports.
/// </summary>
public sealed class ModelBootstrapper(
    IGrainFactory grains, ModelCache cache, GrainsOptions options, ILogger<ModelBootstrapper> logger, TimeProvider? timeProvider = null)
{
    /// <summary>Who the registry records as registering and activating the bootstrap model.</summary>
    public const string Actor = "bootstrap";

    // Callers in one process (the start-up service, a bench or test waiting for a model) take turns, so the bootstrap
    // model is trained once instead of twice with the second registration refused as a conflicting file.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>
    /// Trains and activates version 1 if nothing is active; loads the active model. Returns the active version. Safe to
    /// call concurrently: a caller arriving while another trains waits and then finds the model active.
    /// </summary>
    public async Task<string> EnsureActiveModelAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await EnsureActiveModelInTurnAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<string> EnsureActiveModelInTurnAsync(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        var seen = cache.Active;
        var active = await registry.GetActiveVersion(cancellationToken);
        if (active is null)
        {
            var versions = await registry.GetVersions(cancellationToken);
            if (versions.Count == 0)
            {
                active = await TrainAndRegisterAsync(registry, cancellationToken);
            }
            else
            {
                // Registered but never activated (a crash between the two): activate the newest.
                active = versions[^1].Version;
                await registry.Activate(active, Actor, cancellationToken);
            }
        }

        var version = active;
        var model = await cache.GetAsync(version, () => registry.GetModelFile(version, cancellationToken));
        if (seen?.Version != version)
        {
            // Unless a worker swapped meanwhile (its registry read was as recent as this one).
            cache.TrySwap(model, seen);
        }

        DomainLog.ActiveModelLoaded(logger, version);
        return version;
    }

    private async Task<string> TrainAndRegisterAsync(IModelRegistryGrain registry, CancellationToken cancellationToken)
    {
        DomainLog.TrainingBootstrapModel(logger, ModelBootstrap.Version, ModelBootstrap.SimulatorSeed, options.BootstrapSweepCount);
        var watch = Stopwatch.StartNew();
        var bytes = await Task.Run(
            () =>
            {
                var model = ModelBootstrap.TrainVersion1(timeProvider, options.BootstrapSweepCount);
                using var stream = new MemoryStream();
                ModelFile.Save(model, stream);
                return stream.ToArray();
            },
            cancellationToken);
        var info = await registry.Register(bytes, Actor, cancellationToken);
        await registry.Activate(info.Version, Actor, cancellationToken);
        DomainLog.BootstrapModelReady(logger, info.Version, watch.ElapsedMilliseconds);
        return info.Version;
    }
}
