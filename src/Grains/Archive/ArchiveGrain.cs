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
/// Why a spool: the runtime hands the observer a delivered batch of consecutive events (up to the silo's stream
/// delivery batch size) and moves the subscriber's checkpoint past the batch when the observer's task completes; a
/// faulted task gets the whole batch again. A lake file per delivery would be tiny (a hospital sends tens of events a
/// second), and holding rows only in memory while completing deliveries would lose them on a crash. So each delivered
/// batch is made durable first as one spool file (<see cref="ArchiveSpool"/>: one write, one fsync, named by the
/// batch's first and last sequence), and lake batches are cut from the spooled rows by size
/// (<see cref="ArchiveOptions.MaxBatchRows"/>, in the delivery that fills one, which awaits the write) or by age (on
/// a grain timer).
/// </para>
/// <para>
/// Exactly once: a batch's files are named by the first and last sequence of their rows (one file per date
/// partition), so writing a batch again replaces its files. A batch is always the oldest
/// <see cref="ArchiveOptions.MaxBatchRows"/> pending rows (or all of them, if fewer). After a crash the grain rebuilds
/// the pending rows from the spool (rows past <see cref="ArchiveState.ArchivedThrough"/>) and writes them at once, in
/// the same cut, before taking new events: the batch being written when the silo died comes out with the same names. Only
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
    private readonly List<PendingRow> _pending = [];
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
                await FlushAllAsync(cancellationToken);
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
        await FlushAllAsync(cancellationToken);
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
