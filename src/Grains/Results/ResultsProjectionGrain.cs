using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Results;

/// <summary>
/// Projects one hospital's measurements stream into the <see cref="IResultStore"/>. The store write is idempotent by
/// (device, sample), so a redelivered event changes nothing; an event is handled (and the stream's checkpoint may
/// move past it) only once the store has committed it, so an acknowledged measurement always reaches the store.
/// It subscribes as a batch observer: a delivered batch of consecutive events (up to the silo's stream delivery batch
/// size) is one <see cref="IResultStore.SaveAsync"/> call, so one store transaction (one insert statement where the
/// store can) per batch instead of per event; a failure redelivers the whole batch, which the store absorbs.
/// </summary>
[GrainType("results-projection")]
[ImplicitStreamSubscription(MeasurementRecorded.StreamNamespace)]
internal sealed class ResultsProjectionGrain(IResultStore store, ILogger<ResultsProjectionGrain> logger) : Grain, IResultsProjectionGrain
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider("durable").GetStream<MeasurementRecorded>(
            new StreamId(MeasurementRecorded.StreamNamespace, GetPrimaryKeyString()));
        await stream.SubscribeAsync(new Observer(this), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> Count(CancellationToken cancellationToken = default) =>
        store.CountAsync(GetPrimaryKeyString(), cancellationToken: cancellationToken);

    private async Task OnBatchAsync(IReadOnlyList<SequentialItem<MeasurementRecorded>> items)
    {
        var events = new MeasurementRecorded[items.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = items[i].Item;
        }

        try
        {
            await store.SaveAsync(events);
        }
        catch (Exception exception)
        {
            // Rethrown: the stream redelivers the batch after a back-off, so nothing is skipped.
            DomainLog.ProjectionFailed(logger, exception, GetPrimaryKeyString(), items.Count > 0 ? items[0].Token.SequenceNumber : 0);
            throw;
        }
    }

    private sealed class Observer(ResultsProjectionGrain grain) : IAsyncBatchObserver<MeasurementRecorded>
    {
        public Task OnNextAsync(IReadOnlyList<SequentialItem<MeasurementRecorded>> items) => grain.OnBatchAsync(items);
    }
}
