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
/// No spool: the events are already durable in the stream queue, so the archive subscribes commit-managed
/// (<see cref="StreamSubscriptionOptions.CommitManaged"/>). The runtime hands it delivered batches of consecutive events
/// (up to the silo's stream delivery batch size) and the rows stay pending in memory; the stream's stored checkpoint
/// does not move with the deliveries but only with the archive's commits, and the queue is not trimmed above it. Lake
/// batches are cut from the pending rows by size (<see cref="ArchiveOptions.MaxBatchRows"/>, in the delivery that
/// fills one, which awaits the write) or by age (on a grain timer). After a batch's files are in the lake the state
/// is written (<see cref="ArchiveState.ArchivedThrough"/>, the dedup window), then the stream is committed up to it.
/// Whatever was delivered and not committed when the activation goes (crash, deactivation) the stream delivers again
/// to the next activation, in order, from the commit: there is nothing to recover from disk.
/// </para>
/// <para>
/// Exactly once: a batch's files are named by the first and last sequence of their rows (one file per date
/// partition), so writing a batch again replaces its files. Before writing them the grain stores the batch's last
/// sequence as <see cref="ArchiveState.WritingThrough"/>; if the silo dies during the write, the next activation gets
/// the same events again from the commit, accepts the same rows (the dedup window is stored as of
/// <see cref="ArchiveState.ArchivedThrough"/>, without keys of rows still pending) and cuts exactly the rows up to
/// <see cref="ArchiveState.WritingThrough"/> as its first batch: the same files, overwritten atomically. Events at or
/// below the last handled sequence are redeliveries and are skipped; a sample published twice under two sequences (a
/// crash between a device's append and its acknowledgement) is dropped by (device, sample). A lake write that fails
/// after its retries fails the delivery: the stream delivers again (with backoff, so the lake's outage holds memory
/// bounded), the redelivered events are skipped by sequence and the write is retried with the same cut.
/// </para>
/// </summary>
[GrainType("archive")]
[ImplicitStreamSubscription(MeasurementRecorded.StreamNamespace)]
public sealed partial class ArchiveGrain(
    [PersistentState("archive")] IPersistentState<ArchiveState> state,
    LegacySpoolReader legacySpool,
    ArchiveBatchWriter writer,
    ArchiveOptions options,
    TimeProvider time,
    ILogger<ArchiveGrain> logger) : Grain, IArchiveGrain
{
    private static readonly StreamSubscriptionOptions CommitManaged = new() { CommitManaged = true };

    private readonly MeasurementColumns _pending = new();
    private readonly List<PendingKey> _pendingKeys = [];
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();
    private StreamSubscriptionHandle<MeasurementRecorded>? _subscription;
    private IGrainTimer? _timer;
    private IDisposable? _lagSource;
    private long _lastSequence;
    private long _deliveredThrough;
    private long _committed;
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
        await ArchiveLegacySpoolAsync(cancellationToken);
        _lagSource = ArchiveMetrics.AddLagSource(HospitalId, Lag);
        var tick = options.MaxBatchAge < TimeSpan.FromSeconds(1) ? options.MaxBatchAge : TimeSpan.FromSeconds(1);
        _timer = RegisterGrainTimer(OnTimerAsync, tick, tick);
        var stream = GetStreamProvider("durable").GetStream<MeasurementRecorded>(
            new StreamId(MeasurementRecorded.StreamNamespace, HospitalId));
        _subscription = await stream.SubscribeAsync(new Observer(this), CommitManaged, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _lagSource?.Dispose();
        try
        {
            await FlushAllAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not committed: the stream delivers the pending rows again to the next activation.
            ArchiveLog.TimerFlushFailed(logger, exception, HospitalId);
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
