using System.Reflection;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Hosting;
using Visco.TestKit;

namespace Visco.Runtime.Tests.Hosting;

/// <summary>
/// The in-process test host (our counterpart of Orleans' TestingHost): starts a silo over a store made by a factory,
/// restarts it gracefully or after a kill on the same underlying data, with a manual clock.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly Func<TimeProvider, IRuntimeStore> _storeFactory;
    private readonly Action<SiloOptions>? _configure;

    private TestSilo(Func<TimeProvider, IRuntimeStore> storeFactory, Action<SiloOptions>? configure, ManualTimeProvider time)
    {
        _storeFactory = storeFactory;
        _configure = configure;
        Time = time;
    }

    /// <summary>The clock the silo runs on.</summary>
    public ManualTimeProvider Time { get; }

    /// <summary>The running silo.</summary>
    public SiloHost Silo { get; private set; } = null!;

    /// <summary>References to its grains.</summary>
    public IGrainFactory Grains => Silo.GrainFactory;

    /// <summary>Starts a silo with the test grains of this assembly.</summary>
    public static async Task<TestSilo> StartAsync(
        Func<TimeProvider, IRuntimeStore> storeFactory, Action<SiloOptions>? configure = null)
    {
        var host = new TestSilo(storeFactory, configure, new ManualTimeProvider());
        await host.StartNewSiloAsync();
        return host;
    }

    /// <summary>Stops gracefully and starts a new silo on the same data.</summary>
    public async Task RestartAsync()
    {
        await Silo.StopAsync();
        await StartNewSiloAsync();
    }

    /// <summary>Kills the silo without a graceful shutdown and starts a new one on the same data.</summary>
    public async Task KillAndRestartAsync()
    {
        Silo.Kill();
        await StartNewSiloAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Silo.StopAsync();

    private async Task StartNewSiloAsync()
    {
        var options = new SiloOptions { MinimumReminderPeriod = TimeSpan.FromSeconds(1), CallTimeout = TimeSpan.FromSeconds(30) };
        _configure?.Invoke(options);
        Silo = new SiloHost(_storeFactory(Time), [Assembly.GetExecutingAssembly()], options, timeProvider: Time);
        await Silo.StartAsync();
    }
}
