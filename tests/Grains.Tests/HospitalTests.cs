using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Tests.Hosting;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Tests;

/// <summary>The hospital grain: roster, statistics and alerts from its measurements stream.</summary>
public sealed class HospitalTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => _silo = await DomainSilo.StartInMemoryAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Measurements_DeviceTurnsMostlyInvalid_StatisticsCountAndOneAlertRaised()
    {
        await _silo.RegisterAsync("h1", "dev-ok");
        await _silo.RegisterAsync("h1", "dev-bad");
        var stream = _silo.Silo.GetStreamProvider().GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, "h1"));
        var events = new List<MeasurementRecorded>();
        for (var i = 0; i < 30; i++)
        {
            events.Add(Event("dev-ok", $"ok-{i}", ResultClasses.Normal, "1"));
            events.Add(Event("dev-bad", $"bad-{i}", i < 5 ? ResultClasses.Normal : ResultClasses.InvalidSample, i < 15 ? "1" : "2"));
        }

        await stream.OnNextBatchAsync(events);
        var hospital = _silo.Grains.GetGrain<IHospitalGrain>("h1");
        await BoundedWait.UntilAsync(async () => (await hospital.GetStatistics()).Total == 60, TimeSpan.FromSeconds(20), "60 measurements in the statistics");

        var statistics = await hospital.GetStatistics();
        Assert.Equal(35, statistics.ByClass[ResultClasses.Normal]);
        Assert.Equal(25, statistics.ByClass[ResultClasses.InvalidSample]);
        Assert.Equal(45, statistics.ByModelVersion["1"]);
        Assert.Equal(15, statistics.ByModelVersion["2"]);
        var bad = statistics.Devices.Single(d => d.DeviceId == "dev-bad");
        Assert.Equal(30, bad.WindowSize);
        Assert.Equal(25.0 / 30, bad.WindowInvalidRate, 6);
        var alert = Assert.Single(await hospital.GetAlerts());
        Assert.Equal(("dev-bad", HospitalAlert.InvalidSampleRate), (alert.DeviceId, alert.Kind));
        Assert.True(alert.Value > alert.Threshold);
        Assert.Equal(["dev-bad", "dev-ok"], (await hospital.GetRoster()).Select(r => r.DeviceId));
    }

    [Fact]
    public async Task Create_SameIdWithAnotherName_Throws()
    {
        await _silo.Registrar.CreateHospitalAsync("h1", "One");
        await _silo.Registrar.CreateHospitalAsync("h1", "One");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _silo.Registrar.CreateHospitalAsync("h1", "Other"));
        Assert.Equal("One", (await _silo.Grains.GetGrain<IHospitalGrain>("h1").GetInfo())!.Name);
        Assert.Null(await _silo.Grains.GetGrain<IHospitalGrain>("nowhere").GetInfo());
    }

    private MeasurementRecorded Event(string deviceId, string sampleId, string resultClass, string version)
    {
        var at = _silo.Time.GetUtcNow();
        var sweep = new SweepData(sampleId, at, 37.0, [1, 2, 4, 8, 16], [10, 15, 22, 30, 41], null, null);
        var inference = new InferenceResult(version, 4.0, 12.0, resultClass, 0.9, []);
        return new MeasurementRecorded(deviceId, "h1", sweep, new MeasurementResult(sampleId, inference, "sha256:00", at), at);
    }
}
