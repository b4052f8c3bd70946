using Microsoft.Extensions.DependencyInjection;
using Visco.DomainStore.Labels;
using Visco.Grains.Archive;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Lake.Storage;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;
using Visco.TestKit;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>
/// A real in-process silo with the domain grains and the archive over a memory runtime store, a SQLite results file
/// and a local lake folder, all of which survive <see cref="KillAndRestartAsync"/>. The clock is manual. Files go to
/// /dev/shm where it exists: a crash of the silo is simulated in-process, so the disk's fsync buys nothing here and
/// would make the suite slow (the lake and label stores fsync every file and label).
/// </summary>
public sealed class ArchiveSilo : IAsyncDisposable
{
    private readonly MemoryDatabase _database = new();
    private static readonly string Scratch = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    private readonly string _resultsPath = Path.Combine(Scratch, $"visco-archive-results-{Guid.NewGuid():N}.db");
    private readonly ArchiveOptions _options;
    private readonly Func<ILakeStore, ILakeStore>? _wrapLake;
    private ServiceProvider? _services;

    private ArchiveSilo(ArchiveOptions options, Func<ILakeStore, ILakeStore>? wrapLake)
    {
        _options = options;
        _wrapLake = wrapLake;
    }

    /// <summary>The data folder (the lake is its <c>lake/</c>).</summary>
    public string DataDirectory { get; } = Directory.CreateDirectory(Path.Combine(Scratch, $"visco-archive-{Guid.NewGuid():N}")).FullName;

    /// <summary>The clock.</summary>
    public ManualTimeProvider Time { get; } = new();

    /// <summary>The running silo.</summary>
    public SiloHost Silo { get; private set; } = null!;

    /// <summary>The lake as the silo sees it.</summary>
    public ILakeStore Lake => _services!.GetRequiredService<ILakeStore>();

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _services!;

    /// <summary>The label store the API would use (SQLite, archiving to the lake).</summary>
    public ILabelStore Labels => _services!.GetRequiredService<ILabelStore>();

    /// <summary>The front door's entry into the domain.</summary>
    public IDeviceMessageHandler Handler => _services!.GetRequiredService<IDeviceMessageHandler>();

    /// <summary>Fleet administration.</summary>
    public Visco.Grains.Fleet.DeviceRegistrar Registrar => _services!.GetRequiredService<Visco.Grains.Fleet.DeviceRegistrar>();

    /// <summary>Grain references.</summary>
    public IGrainFactory Grains => Silo.GrainFactory;

    /// <summary>Starts a silo.</summary>
    public static async Task<ArchiveSilo> StartAsync(ArchiveOptions options, Func<ILakeStore, ILakeStore>? wrapLake = null)
    {
        var silo = new ArchiveSilo(options, wrapLake);
        await silo.StartNewSiloAsync();
        return silo;
    }

    /// <summary>The archive of a hospital.</summary>
    public IArchiveGrain Archive(string hospitalId) => Grains.GetGrain<IArchiveGrain>(hospitalId);

    /// <summary>Publishes events on a hospital's measurements stream, as device grains do (the commit point).</summary>
    public Task PublishAsync(string hospitalId, IReadOnlyList<MeasurementRecorded> events) =>
        Silo.GetStreamProvider().GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, hospitalId))
            .OnNextBatchAsync(events);

    /// <summary>
    /// Kills the silo as a crash would and starts a new one on the same data; <paramref name="whileDown"/> runs in
    /// between (e.g. to leave what an earlier version would have left).
    /// </summary>
    public async Task KillAndRestartAsync(Func<Task>? whileDown = null)
    {
        Silo.Kill();
        await DisposeServicesAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartNewSiloAsync();
    }

    /// <summary>Stops the silo gracefully (every activation's OnDeactivateAsync) and starts a new one on the same data.</summary>
    public async Task RestartAsync()
    {
        await Silo.StopAsync();
        await DisposeServicesAsync();
        await StartNewSiloAsync();
    }

    /// <summary>The stored stream checkpoint of a hospital's archive (0 when none).</summary>
    public async Task<long> ArchiveCheckpointAsync(string hospitalId)
    {
        var checkpoints = await new MemoryRuntimeStore(_database, Time).Streams.ReadCheckpointsAsync(CancellationToken.None);
        return checkpoints.SingleOrDefault(c => c.SubscriberId == $"archive/{hospitalId}"
            && c.Stream == new StreamId(MeasurementRecorded.StreamNamespace, hospitalId))?.Sequence ?? 0;
    }

    /// <summary>Stores the stream checkpoint of a hospital's archive directly (as an earlier version would have moved it).</summary>
    public Task SetArchiveCheckpointAsync(string hospitalId, long sequence) =>
        new MemoryRuntimeStore(_database, Time).Streams.WriteCheckpointsAsync(
            [new Runtime.Abstractions.Storage.StreamCheckpoint($"archive/{hospitalId}", new StreamId(MeasurementRecorded.StreamNamespace, hospitalId), sequence)],
            CancellationToken.None);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await DisposeServicesAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(DataDirectory);
        File.Delete(_resultsPath);
    }

    private async Task StartNewSiloAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IResultStore>(new DomainStore.Sqlite.SqliteResultStore(_resultsPath));
        services.AddSingleton<IDeviceConnections>(new NoConnections());
        services.AddSingleton<IGrainFactory>(_ => Silo.GrainFactory);
        var local = new LocalLakeStore(DataDirectory);
        services.AddSingleton<ILakeStore>(_wrapLake?.Invoke(local) ?? local);
        services.AddViscoGrainServices(new GrainsOptions { BootstrapSweepCount = 1000 }, DataDirectory);
        services.AddSingleton<ILabelStore>(LabelStoreHostingExtensions.CreateSqlite(Path.Combine(DataDirectory, "labels.db")));
        services.AddViscoArchiveServices(_options, DataDirectory);
        _services = services.BuildServiceProvider();
        var options = new SiloOptions { MinimumReminderPeriod = TimeSpan.FromSeconds(1), CallTimeout = TimeSpan.FromSeconds(30) };
        Silo = new SiloHost(new MemoryRuntimeStore(_database, Time), [ViscoGrains.Assembly], options, _services, Time);
        await Silo.StartAsync();
    }

    private async Task DisposeServicesAsync()
    {
        if (_services is not null)
        {
            if (_services.GetService<IResultStore>() is IAsyncDisposable results)
            {
                await results.DisposeAsync();
            }

            await _services.DisposeAsync();
        }
    }

    private sealed class NoConnections : IDeviceConnections
    {
        public bool IsConnected(string deviceId) => false;

        public Task<bool> PublishAsync(string deviceId, OutboundMessage message, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<bool> DisconnectAsync(string deviceId, string reason, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
