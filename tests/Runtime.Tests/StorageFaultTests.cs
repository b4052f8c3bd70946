using Microsoft.Data.Sqlite;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Tests.Grains;
using Visco.Runtime.Tests.Hosting;

namespace Visco.Runtime.Tests;

/// <summary>Storage going away under a running silo: calls fail clearly, nothing written is lost, and it recovers.</summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private readonly TempSqliteFile _file = new();
    private TestSilo _host = null!;

    public async Task InitializeAsync() => _host = await TestSilo.StartAsync(time => _file.Open(time, TimeSpan.FromSeconds(1)));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _file.DisposeAsync();
    }

    [Fact]
    public async Task Write_DatabaseLockedByAnotherProcess_FailsClearlyThenRecovers()
    {
        var counter = _host.Grains.GetGrain<ICounterGrain>("locked");
        Assert.Equal(1, await counter.Add(1));

        await using (var intruder = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            await intruder.OpenAsync();
            await using var exclusive = intruder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            await exclusive.ExecuteNonQueryAsync();

            var thrown = await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.Add(10));
            Assert.Contains("locked by another process", thrown.Message, StringComparison.Ordinal);
            Assert.Contains("counter/locked", thrown.Message, StringComparison.Ordinal);

            exclusive.CommandText = "ROLLBACK";
            await exclusive.ExecuteNonQueryAsync();
        }

        Assert.Equal(2, await counter.Add(1));
        await _host.RestartAsync();
        Assert.Equal(2, await _host.Grains.GetGrain<ICounterGrain>("locked").Get());
    }
}
