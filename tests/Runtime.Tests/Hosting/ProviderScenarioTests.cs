using Visco.Runtime.Hosting;

namespace Visco.Runtime.Tests.Hosting;

/// <summary>
/// A scenario suite run once per storage provider: a silo on <typeparamref name="TStore"/>'s data for each test,
/// stopped and the data removed afterwards. A provider's variant of a suite is a one-line subclass.
/// </summary>
public abstract class ProviderScenarioTests<TStore> : IAsyncLifetime
    where TStore : ITestStore, new()
{
    private readonly TStore _store = new();

    /// <summary>The test's silo.</summary>
    protected TestSilo Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await TestSilo.StartAsync(_store.Open, Configure);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>The suite's silo settings (none by default).</summary>
    protected virtual void Configure(SiloOptions options)
    {
    }
}
