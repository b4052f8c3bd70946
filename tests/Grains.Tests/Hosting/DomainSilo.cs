using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Archive;
using Visco.Grains.Fleet;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Models;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Models;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.TestKit;

namespace Visco.Grains.Tests.Hosting;

/// <summary>
/// A real in-process silo hosting the domain grains over a runtime store and a results store made by factories, so
/// a test can kill it and start a new one on the same data. The clock is manual: timers (model refresh, state
/// flushes) fire only when a test advances it.
/// </summary>
public sealed class DomainSilo : IAsyncDisposable
{
    private readonly Func<TimeProvider, IRuntimeStore> _storeFactory;
    private readonly Func<IResultStore> _resultStoreFactory;
    private readonly string _dataDirectory = System.IO.Directory.CreateTempSubdirectory("visco-grains-").FullName;
    private ServiceProvider? _services;

    private DomainSilo(Func<TimeProvider, IRuntimeStore> storeFactory, Func<IResultStore> resultStoreFactory)
    {
        _storeFactory = storeFactory;
        _resultStoreFactory = resultStoreFactory;
    }

    /// <summary>The clock.</summary>
    public ManualTimeProvider Time { get; } = new();

    /// <summary>The running silo.</summary>
    public SiloHost Silo { get; private set; } = null!;

    /// <summary>The results store of the running silo.</summary>
    public RecordingResultStore Results { get; private set; } = null!;

    /// <summary>The front door's fake.</summary>
    public FakeDeviceConnections Connections { get; } = new();

    /// <summary>Grain references.</summary>
    public IGrainFactory Grains => Silo.GrainFactory;

    /// <summary>The silo's services (what the composition root would resolve).</summary>
    public IServiceProvider Services => _services!;

    /// <summary>The front door's entry into the domain.</summary>
    public IDeviceMessageHandler Handler => Services.GetRequiredService<IDeviceMessageHandler>();

    /// <summary>The device registry as the front door sees it.</summary>
    public IDeviceDirectory Directory => Services.GetRequiredService<IDeviceDirectory>();

    /// <summary>Fleet administration.</summary>
    public DeviceRegistrar Registrar => Services.GetRequiredService<DeviceRegistrar>();

    /// <summary>Starts a silo; with <paramref name="withModel"/> registers and activates test model "1".</summary>
    public static async Task<DomainSilo> StartAsync(
        Func<TimeProvider, IRuntimeStore> storeFactory, Func<IResultStore> resultStoreFactory, bool withModel = true)
    {
        var silo = new DomainSilo(storeFactory, resultStoreFactory);
        await silo.StartNewSiloAsync();
        if (withModel)
        {
            var registry = silo.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
            await registry.Register(TestModels.V1, "test");
            await registry.Activate("1", "test");
        }

        return silo;
    }

    /// <summary>Starts a silo over the memory store and a SQLite results file of its own.</summary>
    public static Task<DomainSilo> StartInMemoryAsync(bool withModel = true)
    {
        var database = new Runtime.Storage.Memory.MemoryDatabase();
        var resultsPath = Path.Combine(Path.GetTempPath(), $"visco-results-{Guid.NewGuid():N}.db");
        return StartAsync(
            time => new Runtime.Storage.Memory.MemoryRuntimeStore(database, time),
            () => new DomainStore.Sqlite.SqliteResultStore(resultsPath),
            withModel);
    }

    /// <summary>Creates a hospital and registers a device with a secret; returns the secret.</summary>
    public async Task<string> RegisterAsync(string hospitalId, string deviceId)
    {
        await Registrar.CreateHospitalAsync(hospitalId, $"Hospital {hospitalId}");
        var credentials = await Registrar.RegisterDeviceAsync(hospitalId, deviceId);
        return credentials.Secret!;
    }

    /// <summary>Publishes a measurement payload as the front door would.</summary>
    public Task<DeviceMessageResult> SubmitAsync(string hospitalId, string deviceId, byte[] payload) =>
        Handler.HandleAsync(new DeviceMessage(deviceId, hospitalId, DeviceMessageKind.Measurement, null, payload, Time.GetUtcNow(), 5));

    /// <summary>Stops the silo gracefully (every grain deactivates) and starts a new one on the same data.</summary>
    public async Task RestartAsync()
    {
        await Silo.StopAsync();
        await DisposeServicesAsync();
        await StartNewSiloAsync();
    }

    /// <summary>Kills the silo as a crash would and starts a new one on the same data.</summary>
    public async Task KillAndRestartAsync()
    {
        Silo.Kill();
        await DisposeServicesAsync();
        await StartNewSiloAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await DisposeServicesAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_dataDirectory);
    }

    private async Task StartNewSiloAsync()
    {
        Results = new RecordingResultStore(_resultStoreFactory());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IResultStore>(Results);
        services.AddSingleton<IDeviceConnections>(Connections);
        services.AddSingleton<IGrainFactory>(_ => Silo.GrainFactory);
        services.AddViscoGrainServices(new GrainsOptions { BootstrapSweepCount = 1000 }, _dataDirectory);

        // The archive grain lives in the same assembly and consumes the same stream: the silo must be able to build it.
        services.AddViscoArchiveServices(new ArchiveOptions(), _dataDirectory);
        _services = services.BuildServiceProvider();
        var options = new SiloOptions { MinimumReminderPeriod = TimeSpan.FromSeconds(1), CallTimeout = TimeSpan.FromSeconds(30) };
        Silo = new SiloHost(_storeFactory(Time), [ViscoGrains.Assembly], options, _services, Time);
        await Silo.StartAsync();
    }

    private async Task DisposeServicesAsync()
    {
        await Results.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
