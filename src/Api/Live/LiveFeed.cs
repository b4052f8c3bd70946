using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Api.Live;

/// <summary>
/// A live feed of one hospital's (or one device's) results. It subscribes to the hospital's measurements stream
/// first and only then replays from the results store what came after <c>Last-Event-ID</c>, so nothing published in
/// between is lost; events seen in the replay are not sent twice. The stream hands events to a bounded buffer and
/// never waits for a slow client: a client that falls that far behind is disconnected and resumes from its last id.
/// </summary>
public sealed class LiveFeed(IStreamProvider streams, IResultStore store)
{
    /// <summary>The SSE event type of a result.</summary>
    public const string ResultEvent = "result";

    /// <summary>The SSE event type sent when a resume had more to replay than <see cref="MaxReplay"/>: page the REST endpoint.</summary>
    public const string TruncatedEvent = "replay-truncated";

    /// <summary>
    /// The SSE event type sent once the feed is subscribed and the replay is done: from then on nothing is missed.
    /// Sending it also puts the response headers on the wire at once.
    /// </summary>
    public const string ReadyEvent = "ready";

    /// <summary>The most results replayed on resume.</summary>
    public const int MaxReplay = 10_000;

    private const int Buffer = 4096;

    /// <summary>Follows the hospital (or one of its devices) from <paramref name="lastEventId"/>, or from now.</summary>
    public async IAsyncEnumerable<SseItem<StoredResult?>> FollowAsync(
        string hospitalId, string? deviceId, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = Channel.CreateBounded<MeasurementRecorded>(new BoundedChannelOptions(Buffer) { SingleReader = true });
        var stream = streams.GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, hospitalId));
        var subscription = await stream.SubscribeAsync(
            (recorded, _) =>
            {
                if (!buffer.Writer.TryWrite(recorded))
                {
                    buffer.Writer.TryComplete();
                }

                return Task.CompletedTask;
            },
            cancellationToken);
        try
        {
            var replayed = new HashSet<LiveEventId>();
            if (LiveEventId.TryParse(lastEventId, out var last))
            {
                var (items, truncated) = await ReplayAsync(hospitalId, deviceId, last, cancellationToken);
                if (truncated)
                {
                    yield return new SseItem<StoredResult?>(null, TruncatedEvent);
                }

                foreach (var result in items)
                {
                    var id = LiveEventId.Of(result);
                    replayed.Add(id);
                    yield return new SseItem<StoredResult?>(result, ResultEvent) { EventId = id.ToString() };
                }
            }

            yield return new SseItem<StoredResult?>(null, ReadyEvent);
            await foreach (var recorded in buffer.Reader.ReadAllAsync(cancellationToken))
            {
                if (deviceId is not null && recorded.DeviceId != deviceId)
                {
                    continue;
                }

                var result = ToStored(recorded);
                var id = LiveEventId.Of(result);
                if (!replayed.Contains(id))
                {
                    yield return new SseItem<StoredResult?>(result, ResultEvent) { EventId = id.ToString() };
                }
            }
        }
        finally
        {
            await subscription.UnsubscribeAsync(CancellationToken.None);
        }
    }

    /// <summary>A stream event as the store would return it.</summary>
    public static StoredResult ToStored(MeasurementRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var sweep = recorded.Sweep;
        var inference = recorded.Result.Inference;
        return new StoredResult(
            recorded.HospitalId, recorded.DeviceId, sweep.SampleId, sweep.TakenAt, Truncate(recorded.ReceivedAt),
            recorded.Result.ProcessedAt, inference.ModelVersion, recorded.Result.InputHash, inference.LowShearViscosity,
            inference.HighShearViscosity, inference.Class, inference.Confidence, inference.Flags, sweep.TemperatureC,
            sweep.Hematocrit, sweep.Firmware, sweep.ShearRate, sweep.ShearStress);
    }

    // The store keeps microseconds; ids built from live events must equal ids built from the replayed rows.
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    private async Task<(List<StoredResult> Items, bool Truncated)> ReplayAsync(
        string hospitalId, string? deviceId, LiveEventId last, CancellationToken cancellationToken)
    {
        var newestFirst = new List<StoredResult>();
        string? cursor = null;
        do
        {
            var query = new ResultQuery(From: last.ReceivedAt, Cursor: cursor, Limit: ResultQuery.MaxLimit);
            var page = deviceId is null
                ? await store.QueryByHospitalAsync(hospitalId, query, cancellationToken)
                : await store.QueryByDeviceAsync(hospitalId, deviceId, query, cancellationToken);
            newestFirst.AddRange(page.Items.Where(r => LiveEventId.Of(r) != last));
            cursor = page.NextCursor;
        }
        while (cursor is not null && newestFirst.Count < MaxReplay);

        var truncated = cursor is not null || newestFirst.Count > MaxReplay;
        var kept = newestFirst.Take(MaxReplay).ToList();
        kept.Reverse();
        return (kept, truncated);
    }
}
