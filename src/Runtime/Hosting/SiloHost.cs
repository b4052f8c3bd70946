using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Catalog;
using Visco.Runtime.State;

namespace Visco.Runtime.Hosting;

/// <summary>
/// One silo: the grain runtime over one store. <see cref="StartAsync"/> initializes the store, arms reminders and
/// starts stream delivery; <see cref="StopAsync"/> deactivates every grain and drains the store; <see cref="Kill"/>
/// drops everything as a crash would, for tests of recovery.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly GrainRuntime _runtime;
    private readonly IRuntimeStore _store;
    private readonly ILogger _logger;
    private readonly Lock _stopLock = new();
    private ITimer? _collector;
    private IDisposable? _activationSource;
    private Task? _stopping;
    private int _stopped;
    private bool _started;

    /// <summary>Creates a silo; nothing runs until <see cref="StartAsync"/>.</summary>
    public SiloHost(
        IRuntimeStore store,
        IEnumerable<Assembly> grainAssemblies,
        SiloOptions? options = null,
        IServiceProvider? services = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        options ??= new SiloOptions();
        options.Validate();
        _store = store;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Visco.Runtime");
        var storages = new GrainStorageRegistry();
        storages.Add(GrainStorageRegistry.DefaultName, store.GrainStorage);
        _runtime = new GrainRuntime(
            new SiloServiceProvider(services, this),
            options,
            timeProvider ?? TimeProvider.System,
            _logger,
            new GrainTypeRegistry(grainAssemblies),
            storages,
            store);
    }

    /// <summary>The runtime's parts, for tests of the engine.</summary>
    internal GrainRuntime Runtime => _runtime;

    /// <summary>References to grains of this silo.</summary>
    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <summary>Activations alive now.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Stream events delivered to subscribers since start.</summary>
    public long StreamEventsDelivered => _runtime.Streams.Agent.Delivered;

    /// <summary>Whether it has started and not stopped: it serves calls.</summary>
    public bool IsRunning => _started && Volatile.Read(ref _stopped) == 0;

    /// <summary>The store behind state, reminders and streams.</summary>
    public IRuntimeStore Store => _store;

    /// <summary>The stream provider with a name ("durable").</summary>
    public IStreamProvider GetStreamProvider(string name = "durable") => _runtime.Streams.GetProvider(name);

    /// <summary>Activations alive now, by grain type name.</summary>
    public IReadOnlyDictionary<string, int> ActivationsByType() =>
        _runtime.Types.Classes.ToDictionary(c => c.TypeName, c => c.ActiveCount);

    /// <summary>Initializes the store and starts reminders, streams and idle collection.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken);
        await _runtime.Reminders.StartAsync(cancellationToken);
        await _runtime.Streams.Agent.StartAsync(cancellationToken);
        var quantum = _runtime.Options.CollectionQuantum;
        _collector = _runtime.TimeProvider.CreateTimer(_ => _runtime.Catalog.CollectIdle(), null, quantum, quantum);
        _activationSource = Metrics.RuntimeInstruments.AddActivationSource(() => _runtime.Types.Classes.Select(
            c => new Measurement<long>(c.ActiveCount, new KeyValuePair<string, object?>("grain_type", c.TypeName))));
        _started = true;
        RuntimeLog.SiloStarted(_logger, _runtime.Types.Classes.Count, _store.Name);
    }

    /// <summary>Deactivates idle activations now (what the collector does every quantum).</summary>
    public int CollectIdleActivations() => _runtime.Catalog.CollectIdle();

    /// <summary>
    /// Stops gracefully: stream delivery, reminders, every activation's OnDeactivateAsync, then the store. Every caller
    /// waits for the same stop: the generic host stops its services from both <c>RunAsync</c> and whoever asked it to
    /// stop, and a second caller that returned at once disposed what the first was still flushing into.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            // Already stopped by Kill: nothing to wait for.
            return _stopping ??= Interlocked.Exchange(ref _stopped, 1) == 1 ? Task.CompletedTask : StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        RuntimeLog.SiloStopping(_logger, ActivationCount);
        _collector?.Dispose();
        _activationSource?.Dispose();
        await _runtime.Streams.Agent.StopAsync(graceful: true);
        await _runtime.Reminders.DisposeAsync();
        await _runtime.Catalog.DeactivateAllAsync();
        _runtime.Catalog.Stop(new InvalidOperationException("The silo is stopped."));
        _runtime.Timeouts.Dispose();
        await _store.DisposeAsync();
    }

    /// <summary>Stops at once, as a crash: no OnDeactivateAsync, uncommitted writes fail, calls in flight fail.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var crash = new InvalidOperationException("The silo was killed.");
        _collector?.Dispose();
        _activationSource?.Dispose();
        _store.Abort();
        _ = _runtime.Streams.Agent.StopAsync(graceful: false);
        _ = _runtime.Reminders.DisposeAsync();
        _runtime.Catalog.Abort(crash);
        _runtime.Timeouts.FailAll(crash);
        _runtime.Timeouts.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Grains can take the silo's grain factory and the silo itself by constructor injection.</summary>
    private sealed class SiloServiceProvider(IServiceProvider? inner, SiloHost silo) : IServiceProvider
    {
        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IGrainFactory))
            {
                return silo.GrainFactory;
            }

            if (serviceType == typeof(SiloHost))
            {
                return silo;
            }

            return inner?.GetService(serviceType);
        }
    }
}
