using System.Text;

using Npgsql;

using Visco.Runtime.Abstractions;
using Visco.TestKit;

namespace Visco.Runtime.Storage.Tests;

/// <summary>PostgreSQL-only: large grain states are compressed with lz4 where the server has it.</summary>
public sealed partial class PostgresRuntimeStoreTests
{
    [PostgresFact]
    public async Task WriteAsync_LargeState_CompressedWithLz4AndReadBackWhole()
    {
        // An archive grain's dedup window: thousands of similar keys, tens of KB, compressed out of line by the server.
        var keys = string.Join(',', Enumerable.Range(0, 4096).Select(i => $"\"h01-analyser-{i % 100:D4}/s-{i:D8}\""));
        var data = Encoding.UTF8.GetBytes($"{{\"RecentSamples\":[{keys}]}}");
        var grain = new GrainId("archive", "h01");
        await using var store = await CreateStoreAsync();
        await store.InitializeAsync(CancellationToken.None).WaitAsync(Bound);

        await store.GrainStorage.WriteAsync(grain, "archive", data, null, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(data, (await store.GrainStorage.ReadAsync(grain, "archive", CancellationToken.None).WaitAsync(Bound))!.Data);
        var serverHasLz4 = (long)(await ScalarAsync(
            "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"))! == 1;
        var method = (string?)await ScalarAsync(
            $"SELECT pg_column_compression(data) FROM \"{_schema}\".grain_state WHERE grain_id = 'archive/h01'");
        Assert.Equal(serverHasLz4 ? "lz4" : "pglz", method);
    }
}
