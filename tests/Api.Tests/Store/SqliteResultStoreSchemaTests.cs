using Microsoft.Data.Sqlite;
using Visco.DomainStore.Sql;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.TestKit;

namespace Visco.Api.Tests.Store;

/// <summary>
/// The SQLite results schema: each query is served by the index meant for it (SQLite's planner, without statistics,
/// had read a device's page through the hospital's index), and a version-1 database migrates to one index fewer with
/// its rows, ids and uniqueness intact.
/// </summary>
public sealed class SqliteResultStoreSchemaTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-results-schema-").FullName;

    private string DatabasePath => Path.Combine(_directory, "results.db");

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_directory);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(true, false, "ix_results_device_received")]
    [InlineData(true, true, "ix_results_device_received")]
    [InlineData(false, false, "ix_results_hospital_received")]
    [InlineData(false, true, "ix_results_hospital_received")]
    public async Task PageStatement_PlannedOnFilledTable_UsesItsIndexWithoutSorting(bool byDevice, bool sweep, string index)
    {
        await using var store = await FilledStoreAsync();

        var plan = await PlanAsync(store.PageStatement(byDevice, sweep));

        Assert.Contains($"USING INDEX {index}", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleStatement_PlannedOnFilledTable_LooksTheSampleUp()
    {
        await using var store = await FilledStoreAsync();

        var plan = await PlanAsync(store.SampleStatement);

        Assert.Contains("USING INDEX ux_results_sample_device (sample_id=?)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_VersionOneDatabaseWithRows_MigratesKeepingIdsAndUniqueness()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);" +
                SchemaScripts.For("Sqlite")[0].Text +
                "INSERT INTO schema_version (version, name) VALUES (1, '0001_results.sql');" +
                "INSERT INTO results (id, hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash, low_shear, high_shear, " +
                "class, confidence, flags, temperature_c, hematocrit, firmware, shear_rate, shear_stress) VALUES " +
                "(41, 'h1', 'dev-1', 's-old', 1, 1000000, 2, '1', 'sha256:00', NULL, 4.5, 'normal', 0.9, '[\"drift\"]', 37.0, NULL, 'fw', '[1,2]', '[3,4]')," +
                "(42, 'h1', 'dev-1', 's-newer', 1, 2000000, 2, '1', 'sha256:00', 5.5, 4.5, 'normal', 0.9, '[]', 37.0, 0.4, NULL, '[1]', '[3]');";
            await command.ExecuteNonQueryAsync();
        }

        // The cursor the API handed out for the page after s-newer before the upgrade (received 2 s, id 42).
        var before = ToCursor(2000000, 42);
        await using var store = new SqliteResultStore(DatabasePath);
        await store.InitializeAsync();

        var old = Assert.Single(await store.FindBySampleAsync("h1", "s-old"));
        Assert.Equal(["drift"], old.Flags);
        Assert.Equal([1.0, 2.0], old.ShearRate);
        Assert.Null(old.LowShearViscosity);
        var page = await store.QueryByDeviceAsync("h1", "dev-1", new ResultQuery(Cursor: before, Limit: 10));
        Assert.Equal("s-old", Assert.Single(page.Items).SampleId);
        Assert.Equal(0, await store.SaveAsync([Event("dev-1", "s-old")]));
        Assert.Equal(1, await store.SaveAsync([Event("dev-2", "s-old")]));
        Assert.Equal(2L, await ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_results_hospital_sample', 'results_v2')"));
    }

    private static string ToCursor(long receivedAtMicros, long id)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[1..], receivedAtMicros);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[9..], id);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private async Task<SqliteResultStore> FilledStoreAsync()
    {
        var store = new SqliteResultStore(DatabasePath);
        var events = new List<MeasurementRecorded>();
        for (var i = 0; i < 2000; i++)
        {
            events.Add(Event($"dev-{i % 20}", $"s-{i}") with { HospitalId = $"h{i % 3}" });
        }

        await store.SaveAsync(events);
        return store;
    }

    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "@h", "@d", "@s" })
        {
            command.Parameters.AddWithValue(name, "x");
        }

        foreach (var name in new[] { "@from", "@to", "@cr", "@ci", "@limit" })
        {
            command.Parameters.AddWithValue(name, 1L);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join(" | ", lines);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static MeasurementRecorded Event(string deviceId, string sampleId)
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var sweep = new SweepData(sampleId, at, 37.0, [1, 2], [3, 4], 0.42, "1.0");
        var inference = new InferenceResult("1", 5.5, 4.1, ResultClasses.Normal, 0.9, []);
        return new MeasurementRecorded(deviceId, "h1", sweep, new MeasurementResult(sampleId, inference, "sha256:00", at), at);
    }
}
