using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.MqttFrontDoor.Hosting;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Hosting;
using Visco.Runtime.Storage.Memory;
using Visco.TestKit;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>
/// The real front door in-process: a runtime silo over a memory database (kept across <see cref="RestartAsync"/>, as
/// a database outlives a silo), Kestrel on ephemeral ports, a manual clock (starting at the real time, so
/// certificates made by the tests are valid on it), fake directory and handler.
/// </summary>
public sealed class FrontDoorHost : IAsyncDisposable
{
    private readonly Action<MqttFrontDoorOptions> _configure;
    private readonly MemoryDatabase _database = new();
    private SiloHost? _silo;
    private WebApplication? _app;

    private FrontDoorHost(Action<MqttFrontDoorOptions> configure) => _configure = configure;

    /// <summary>The clock of server and silo.</summary>
    public ManualTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The device registry.</summary>
    public FakeDeviceDirectory Directory { get; } = new();

    /// <summary>The domain seam.</summary>
    public FakeDeviceMessageHandler Handler { get; } = new();

    /// <summary>Log records at warning or above, for tests that expect none.</summary>
    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>The running server.</summary>
    public MqttFrontDoorServer Server => _app!.Services.GetRequiredService<MqttFrontDoorServer>();

    /// <summary>The silo's grains (sessions and retained messages live there).</summary>
    public IGrainFactory Grains => _silo!.GrainFactory;

    /// <summary>The TCP port.</summary>
    public int Port => Server.TcpPort;

    /// <summary>The TLS port.</summary>
    public int TlsPort => Server.TlsPort;

    /// <summary>Starts a front door in open mode (anonymous, routed topics).</summary>
    public static Task<FrontDoorHost> StartOpenAsync(Action<MqttFrontDoorOptions>? configure = null) =>
        StartAsync(o =>
        {
            o.Mode = MqttFrontDoorMode.Open;
            configure?.Invoke(o);
        });

    /// <summary>Starts a front door with the given options (device mode unless set).</summary>
    public static async Task<FrontDoorHost> StartAsync(Action<MqttFrontDoorOptions> configure)
    {
        var host = new FrontDoorHost(o =>
        {
            o.TcpPort = 0;
            o.TlsPort = -1;
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "visco-mqtt-tests", Guid.NewGuid().ToString("N"));
            // Session writes at once unless a test is about deferring them (the delay runs on the manual clock).
            o.UnacknowledgedWriteDelay = TimeSpan.Zero;
            configure(o);
        });
        await host.StartCoreAsync();
        return host;
    }

    /// <summary>Stops server and silo and starts new ones over the same database: a process restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartCoreAsync();
    }

    /// <summary>Stops everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Environment.GetEnvironmentVariable("VISCO_MQTT_TEST_LOG") is { Length: > 0 } path)
        {
            await File.AppendAllLinesAsync(path, Logs.Records.Select(r => $"{r.Level} {r.Category}: {r.Message}"));
        }

        // Every test fails on an error logged by the server (an unexpected exception somewhere in a connection).
        var errors = Logs.Errors.ToList();
        if (errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("the server logged errors:\n" + string.Join("\n", errors));
        }
    }

    private async Task StartCoreAsync()
    {
        _silo = new SiloHost(new MemoryRuntimeStore(_database, Time), [MqttFrontDoorHostingExtensions.GrainAssembly], new SiloOptions(), null, Time);
        await _silo.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IGrainFactory>(_silo.GrainFactory);
        builder.Services.AddSingleton<IDeviceDirectory>(Directory);
        builder.Services.AddSingleton<IDeviceMessageHandler>(Handler);
        builder.AddMqttFrontDoor(_configure);
        _app = builder.Build();
        await _app.StartAsync();
    }

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo = null;
        }
    }
}
