using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.Runtime.Invocation;
using Visco.Runtime.Placement;
using Visco.Runtime.Reminders;
using Visco.Runtime.State;
using Visco.Runtime.Streams;

namespace Visco.Runtime.Catalog;

/// <summary>The parts of one silo's runtime, wired together; activations reach everything through it.</summary>
internal sealed class GrainRuntime
{
    public GrainRuntime(
        IServiceProvider services,
        SiloOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        GrainTypeRegistry types,
        GrainStorageRegistry storages,
        IRuntimeStore store)
    {
        Services = services;
        Options = options;
        TimeProvider = timeProvider;
        Logger = logger;
        Types = types;
        Activator = new GrainActivator(services, storages, logger);
        Catalog = new GrainCatalog(this);
        GrainFactory = new GrainFactory(types, Catalog);
        Timeouts = new CallTimeoutMonitor(timeProvider, options.CallTimeout, logger);
        Directory = new LocalGrainDirectory();
        Placement = new LocalPlacementDirector();
        Reminders = new ReminderService(this, store.Reminders);
        Streams = new StreamRuntime(this, store.Streams);
    }

    public IServiceProvider Services { get; }

    public SiloOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public GrainTypeRegistry Types { get; }

    public GrainActivator Activator { get; }

    public GrainCatalog Catalog { get; }

    public IGrainFactory GrainFactory { get; }

    public CallTimeoutMonitor Timeouts { get; }

    /// <summary>This silo.</summary>
    public SiloAddress Silo { get; } = SiloAddress.Local;

    /// <summary>Where activations are registered (single activation across silos).</summary>
    public IGrainDirectory Directory { get; }

    /// <summary>Where new activations go.</summary>
    public IPlacementDirector Placement { get; }

    public ReminderService Reminders { get; }

    public StreamRuntime Streams { get; }
}
