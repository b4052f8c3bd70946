using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Measurements;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Grains.Hospitals;

/// <summary>
/// One hospital: listed in the <see cref="IHospitalDirectoryGrain"/> when created, roster (fed by device grains), rolling statistics and alerts (fed by its measurements stream, as an
/// implicit subscriber). Statistics are written every <see cref="WriteEvery"/> events, on a timer and on
/// deactivation, not per event: after a crash they may miss the last few events, which is acceptable for rolling
/// figures (the results store, not this grain, is the record of measurements).
/// </summary>
[GrainType("hospital")]
[ImplicitStreamSubscription(MeasurementRecorded.StreamNamespace)]
internal sealed class HospitalGrain(
    [PersistentState("hospital")] IPersistentState<HospitalState> state,
    GrainsOptions options,
    ILogger<HospitalGrain> logger) : Grain, IHospitalGrain
{
    private const int WriteEvery = 256;
    private const int MaxAlerts = 200;
    private IGrainTimer? _timer;
    private int _unwritten;

    private HospitalState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider("durable").GetStream<MeasurementRecorded>(
            new StreamId(MeasurementRecorded.StreamNamespace, GetPrimaryKeyString()));
        await stream.SubscribeAsync(OnMeasurementAsync, cancellationToken);
        _timer = RegisterGrainTimer(FlushAsync, options.StateFlushInterval, options.StateFlushInterval);
        if (S.Name is not null && !S.Listed)
        {
            // Created before the directory existed, or the directory call failed after the create: list it now.
            await ListAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task Create(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (S.Name is not null)
        {
            if (S.Name != name)
            {
                throw new InvalidOperationException($"Hospital '{GetPrimaryKeyString()}' already exists as '{S.Name}'.");
            }

            return;
        }

        S.Name = name;
        S.CreatedAt = GrainContext.TimeProvider.GetUtcNow();
        await WriteAsync(cancellationToken);
        await ListAsync(cancellationToken);
        DomainLog.HospitalCreated(logger, GetPrimaryKeyString());
    }

    /// <inheritdoc />
    public Task<HospitalInfo?> GetInfo(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Name is null ? null : new HospitalInfo(GetPrimaryKeyString(), S.Name, S.CreatedAt, S.Roster.Count));

    /// <inheritdoc />
    public async Task SetDeviceStatus(string deviceId, DeviceStatus status, CancellationToken cancellationToken = default)
    {
        var entry = S.Roster.GetValueOrDefault(deviceId) ?? new RosterEntry(deviceId, status, false, null);
        S.Roster[deviceId] = entry with { Status = status, Online = status != DeviceStatus.Revoked && entry.Online };
        DomainMetrics.SetDevicesOnline(GetPrimaryKeyString(), S.Roster.Values.Count(e => e.Online));
        await WriteAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetDeviceConnection(string deviceId, bool online, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (S.Roster.TryGetValue(deviceId, out var entry))
        {
            S.Roster[deviceId] = entry with { Online = online, LastSeen = at };
            DomainMetrics.SetDevicesOnline(GetPrimaryKeyString(), S.Roster.Values.Count(e => e.Online));
            await WriteAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RosterEntry>> GetRoster(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RosterEntry>>(S.Roster.Values.OrderBy(e => e.DeviceId, StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public Task<HospitalStatistics> GetStatistics(CancellationToken cancellationToken = default)
    {
        var byClass = new Dictionary<string, long>();
        var devices = new List<DeviceStatistics>();
        foreach (var (deviceId, counters) in S.Devices.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            foreach (var (cls, count) in counters.ByClass)
            {
                byClass[cls] = byClass.GetValueOrDefault(cls) + count;
            }

            devices.Add(new DeviceStatistics(
                deviceId, counters.Total, new Dictionary<string, long>(counters.ByClass), counters.Window.Count, counters.InvalidRate));
        }

        return Task.FromResult(new HospitalStatistics(
            byClass.Values.Sum(), byClass, new Dictionary<string, long>(S.ByModelVersion), devices));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HospitalAlert>> GetAlerts(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HospitalAlert>>(S.Alerts.ToArray());

    private async Task OnMeasurementAsync(MeasurementRecorded recorded, StreamSequenceToken token)
    {
        if (token.SequenceNumber <= S.LastSequence)
        {
            return;
        }

        var counters = S.Devices.GetValueOrDefault(recorded.DeviceId);
        if (counters is null)
        {
            counters = new DeviceCounters();
            S.Devices[recorded.DeviceId] = counters;
        }

        var inference = recorded.Result.Inference;
        counters.Add(inference.Class, options.StatisticsWindow);
        S.ByModelVersion[inference.ModelVersion] = S.ByModelVersion.GetValueOrDefault(inference.ModelVersion) + 1;
        S.LastSequence = token.SequenceNumber;
        CheckAlert(recorded.DeviceId, counters);
        if (++_unwritten >= WriteEvery)
        {
            await WriteAsync(CancellationToken.None);
        }
    }

    private void CheckAlert(string deviceId, DeviceCounters counters)
    {
        var rate = counters.InvalidRate;
        DomainMetrics.SetInvalidRate(GetPrimaryKeyString(), deviceId, rate);
        var threshold = options.InvalidRateAlertThreshold;
        if (counters.Alerting)
        {
            counters.Alerting = rate > threshold;
            return;
        }

        if (counters.Window.Count < options.AlertMinimumSamples || rate <= threshold)
        {
            return;
        }

        counters.Alerting = true;
        var alert = new HospitalAlert(
            deviceId,
            HospitalAlert.InvalidSampleRate,
            $"Device {deviceId}: {rate:P0} invalid samples over its last {counters.Window.Count} measurements (threshold {threshold:P0})",
            rate,
            threshold,
            GrainContext.TimeProvider.GetUtcNow());
        S.Alerts.Add(alert);
        if (S.Alerts.Count > MaxAlerts)
        {
            S.Alerts.RemoveAt(0);
        }

        DomainLog.InvalidSampleRateAlert(logger, GetPrimaryKeyString(), deviceId, rate, counters.Window.Count, threshold);
    }

    /// <summary>Adds this hospital to the directory (after its own state is written, so a listed hospital exists).</summary>
    private async Task ListAsync(CancellationToken cancellationToken)
    {
        await GrainFactory.GetGrain<IHospitalDirectoryGrain>(IHospitalDirectoryGrain.DefaultKey).Add(GetPrimaryKeyString(), cancellationToken);
        S.Listed = true;
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await state.WriteStateAsync(cancellationToken);
        _unwritten = 0;
    }

    private Task FlushAsync(CancellationToken cancellationToken) => _unwritten > 0 ? WriteAsync(cancellationToken) : Task.CompletedTask;
}
