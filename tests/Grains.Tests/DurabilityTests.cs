using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Tests.Hosting;
using Visco.Runtime.Abstractions.Storage;
using Visco.TestKit;

namespace Visco.Grains.Tests;

/// <summary>
/// What must hold on every storage provider: an acknowledged measurement survives a crash and reaches the results
/// store; the store is idempotent by (device, sample) and refuses a schema newer than the build.
/// </summary>
public abstract class DurabilityTests : IAsyncLifetime
{
    /// <summary>Opens the runtime store over the test's data.</summary>
    protected abstract IRuntimeStore CreateStore(TimeProvider time);

    /// <summary>Opens the results store over the test's data.</summary>
    protected abstract IResultStore CreateResultStore();

    /// <summary>Runs raw SQL on the results database.</summary>
    protected abstract Task ExecuteOnResultsAsync(string sql);

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task KillAndRestart_RightAfterAcceptedMeasurement_MeasurementReachesResultsStore()
    {
        var silo = await DomainSilo.StartAsync(CreateStore, CreateResultStore);
        await using (silo)
        {
            await silo.RegisterAsync("h1", "dev-1");

            // The projection cannot commit before the crash: only the stream holds the measurement when the silo dies.
            silo.Results.FailSaves = true;
            var payload = Payloads.Valid("crash-1");
            var accepted = await silo.SubmitAsync("h1", "dev-1", payload);
            Assert.Equal(DeviceMessageStatus.Accepted, accepted.Status);
            await silo.KillAndRestartAsync();

            await silo.Results.WaitForSavedAsync(1);
            var stored = Assert.Single(await silo.Results.FindBySampleAsync("h1", "crash-1"));
            Assert.Equal("dev-1", stored.DeviceId);

            // The device resends after reconnecting: whatever the grain remembers, the store keeps one row.
            var resent = await silo.SubmitAsync("h1", "dev-1", payload);
            Assert.Contains(resent.Status, new[] { DeviceMessageStatus.Accepted, DeviceMessageStatus.Duplicate });
            await silo.SubmitAsync("h1", "dev-1", Payloads.Valid("after-crash"));
            await silo.Results.WaitForSavedAsync(2);
            Assert.Single(await silo.Results.FindBySampleAsync("h1", "crash-1"));
            Assert.Equal(2, await silo.Results.CountAsync("h1"));
        }
    }

    [ProviderFact]
    public async Task RestartAsync_GracefulStopBetweenSendAndResend_ResendIsDuplicateWithSameResult()
    {
        var silo = await DomainSilo.StartAsync(CreateStore, CreateResultStore);
        await using (silo)
        {
            await silo.RegisterAsync("h1", "dev-1");
            var payload = Payloads.Valid("resend-1");
            var first = await silo.SubmitAsync("h1", "dev-1", payload);

            // Deactivation writes the lazily kept dedup window, so the new activation still knows the sample.
            await silo.RestartAsync();
            var resent = await silo.SubmitAsync("h1", "dev-1", payload);

            Assert.Equal(DeviceMessageStatus.Duplicate, resent.Status);
            Assert.Equal(first.Replies[0].Payload.ToArray(), resent.Replies[0].Payload.ToArray());
            await silo.SubmitAsync("h1", "dev-1", Payloads.Valid("after-restart"));
            await BoundedWait.UntilAsync(async () => await silo.Results.CountAsync("h1") == 2, TimeSpan.FromSeconds(20), "two rows");
            Assert.Single(await silo.Results.FindBySampleAsync("h1", "resend-1"));
        }
    }

    [ProviderFact]
    public async Task SaveAsync_SameEventsAgain_StoresOneRowEach()
    {
        var store = CreateResultStore();
        try
        {
            var events = Enumerable.Range(0, 3).Select(i => Event("h1", "dev-1", $"s-{i}")).ToArray();

            Assert.Equal(3, await store.SaveAsync(events));
            Assert.Equal(0, await store.SaveAsync(events));
            Assert.Equal(1, await store.SaveAsync([events[0], Event("h1", "dev-1", "s-new")]));

            var twice = Event("h1", "dev-2", "s-twice");
            Assert.Equal(1, await store.SaveAsync([twice, twice]));

            Assert.Equal(4, await store.CountAsync("h1", "dev-1"));
            var stored = Assert.Single(await store.FindBySampleAsync("h1", "s-1"));
            Assert.Equal([1.0, 2.0, 4.0, 8.0, 16.0], stored.ShearRate);
            Assert.Equal(["flag-a"], stored.Flags);
            Assert.Null(stored.LowShearViscosity);
            Assert.Equal(0.42, stored.Hematocrit);
        }
        finally
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    [ProviderFact]
    public async Task InitializeAsync_SchemaNewerThanBuild_Refused()
    {
        var store = CreateResultStore();
        await store.InitializeAsync();
        await ((IAsyncDisposable)store).DisposeAsync();
        await ExecuteOnResultsAsync("INSERT INTO schema_version (version, name) VALUES (99, '0099_future.sql')");

        var newer = CreateResultStore();
        try
        {
            var error = await Assert.ThrowsAsync<ResultStoreSchemaException>(() => newer.InitializeAsync());
            Assert.Contains("99", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncDisposable)newer).DisposeAsync();
        }
    }

    private static MeasurementRecorded Event(string hospitalId, string deviceId, string sampleId)
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var sweep = new SweepData(sampleId, at, 37.0, [1, 2, 4, 8, 16], [10, 15, 22, 30, 41], 0.42, "1.0");
        var inference = new InferenceResult("1", null, null, ResultClasses.InvalidSample, 0.9, ["flag-a"]);
        return new MeasurementRecorded(deviceId, hospitalId, sweep, new MeasurementResult(sampleId, inference, "sha256:00", at), at);
    }
}
