using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Measurements;
using Visco.Lake.Rows;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Grains.Archive;

/// <summary>
/// Turns one hospital's measurements stream into the training lake, exactly once.
/// <para>
/// Why a spool: the runtime hands the observer one event at a time and moves the subscriber's checkpoint past every
/// event whose observer task completed (per delivered chunk of up to 256, or up to the failing event), and it does not
/// read further events until every subscriber finished the current ones. So an observer can neither wait for later
/// events to fill a batch (that would stall the whole stream agent) nor know where a chunk ends. Holding a batch
/// only in memory while completing its events' observer tasks would lose it on a crash; failing those deliveries to
/// keep the checkpoint low would stop delivery at the first pending event. Instead each event is made durable before
/// its observer task completes, cheaply and idempotently, in a per-event spool file (<see cref="ArchiveSpool"/>,
/// named by sequence, so a redelivery overwrites it); the batch is then cut by size (in the delivery of the event
/// that completes it, which awaits the write) or by age (on a grain timer).
/// </para>
/// <para>
/// Exactly once: a batch's files are named by the first and last sequence of their rows (one file per date
/// partition), so writing a batch again replaces its files. After a crash the grain rebuilds the pending batch from
/// the spool (rows past <see cref="ArchiveState.ArchivedThrough"/>) and writes it at once, before taking new events:
/// the set is the one that was pending or being written when the silo died, so the names come out the same. Only
/// then are <see cref="ArchiveState.ArchivedThrough"/> and the dedup window stored, and the spool files deleted.
/// Events at or below the last handled sequence are redeliveries and are skipped; a sample published twice under
/// two sequences (a crash between a device's append and its acknowledgement) is dropped by (device, sample).
/// </para>
/// </summary>
[GrainType("archive")]
[ImplicitStreamSubscription(MeasurementRecorded.StreamNamespace)]
public sealed partial class ArchiveGrain(
    [PersistentState("archive")] IPersistentState<ArchiveState> state,
    ArchiveSpool spool,
    ArchiveBatchWriter writer,
    ArchiveOptions options,
    TimeProvider time,
    ILogger<ArchiveGrain> logger) : Grain, IArchiveGrain
{
    private readonly List<(string SpoolPath, MeasurementRow Row)> _pending = [];
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private IGrainTimer? _timer;
    private IDisposable? _lagSource;
    private long _lastSequence;
    private long _duplicates;
    private int _pendingCount;
    private DateTimeOffset? _oldestPendingAt;
    private DateTimeOffset? _oldestReceivedAt;

    private string HospitalId => GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var key in state.State.RecentSamples)
        {
            Remember(key);
        }

        _lastSequence = state.State.ArchivedThrough;
        await RecoverAsync(cancellationToken);
        _lagSource = ArchiveMetrics.AddLagSource(HospitalId, Lag);
        var tick = options.MaxBatchAge < TimeSpan.FromSeconds(1) ? options.MaxBatchAge : TimeSpan.FromSeconds(1);
        _timer = RegisterGrainTimer(OnTimerAsync, tick, tick);
        var stream = GetStreamProvider("durable").GetStream<MeasurementRecorded>(
            new StreamId(MeasurementRecorded.StreamNamespace, HospitalId));
        await stream.SubscribeAsync(new Observer(this), cancellationToken);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _lagSource?.Dispose();
        if (_pending.Count > 0)
        {
            try
            {
                await FlushAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The batch is spooled: the next activation writes it.
                ArchiveLog.TimerFlushFailed(logger, exception, HospitalId);
            }
        }
    }

    /// <inheritdoc />
    public Task<ArchiveStatus> GetStatus(CancellationToken cancellationToken = default) => Task.FromResult(Status());

    /// <inheritdoc />
    public async Task<ArchiveStatus> Flush(CancellationToken cancellationToken = default)
    {
        if (_pending.Count > 0)
        {
            await FlushAsync(cancellationToken);
        }

        return Status();
    }

    private ArchiveStatus Status() => new(
        HospitalId, state.State.ArchivedThrough, _pending.Count, _lastSequence, state.State.Files, state.State.Rows, _duplicates);

    private (long Events, double Seconds) Lag()
    {
        // Measured from when the cloud received the oldest measurement not yet in a file: stream delay included.
        var oldest = _oldestReceivedAt;
        var seconds = oldest is null ? 0 : Math.Max(0, (time.GetUtcNow() - oldest.Value).TotalSeconds);
        return (Volatile.Read(ref _pendingCount), seconds);
    }
}
