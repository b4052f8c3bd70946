using System.Text;

using Npgsql;

using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Storage.Postgres;
using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>PostgreSQL-only behaviour: the server going away and coming back.</summary>
public sealed partial class PostgresRuntimeStoreTests
{
    [PostgresFact]
    public async Task WriteAsync_ServerUnreachable_ThrowsUnavailableThenRecovers()
    {
        var upstream = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        await using var proxy = new TcpProxy(upstream.Host!, upstream.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString)
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            Timeout = 3,
        };
        await using var store = new PostgresRuntimeStore(Options(viaProxy.ConnectionString));
        await store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);
        var grain = new GrainId("device", "outage");
        var etag = await store.GrainStorage.WriteAsync(grain, "state", Encoding.UTF8.GetBytes("v1"), null, CancellationToken.None).WaitAsync(Bound);

        await proxy.CutAsync();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.GrainStorage.WriteAsync(grain, "state", Encoding.UTF8.GetBytes("v2"), etag, CancellationToken.None).WaitAsync(Bound));
        var readError = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => store.GrainStorage.ReadAsync(grain, "state", CancellationToken.None).WaitAsync(Bound));

        Assert.Contains("postgres: write of 'state' of grain device/outage failed", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{proxy.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("device/outage", readError.Message, StringComparison.Ordinal);

        proxy.Restore();
        var next = await store.GrainStorage.WriteAsync(grain, "state", Encoding.UTF8.GetBytes("v2"), etag, CancellationToken.None).WaitAsync(Bound);
        var stored = await store.GrainStorage.ReadAsync(grain, "state", CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(next, stored!.ETag);
        Assert.Equal(Encoding.UTF8.GetBytes("v2"), stored.Data);
    }
}
