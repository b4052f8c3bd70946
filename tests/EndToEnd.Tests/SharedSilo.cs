using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>One running silo shared by the tests of a class (starting one bootstraps a model: seconds).</summary>
public sealed class SharedSilo : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-e2e-").FullName;

    /// <summary>The silo.</summary>
    public RunningSilo Silo { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Silo = await RunningSilo.StartAsync(_data);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }
}
