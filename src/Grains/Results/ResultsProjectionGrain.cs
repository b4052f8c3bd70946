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
/// The runtime's observer contract hands over one event at a time, so each delivery is one store transaction; a
/// batch observer in the runtime would let this pass a whole delivered chunk to <see cref="IResultStore.SaveAsync"/>.
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
        await stream.SubscribeAsync(OnMeasurementAsync, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> Count(CancellationToken cancellationToken = default) =>
        store.CountAsync(GetPrimaryKeyString(), cancellationToken: cancellationToken);

    private async Task OnMeasurementAsync(MeasurementRecorded recorded, StreamSequenceToken token)
    {
        try
        {
            await store.SaveAsync([recorded]);
        }
        catch (Exception exception)
        {
            // Rethrown: the stream redelivers from this event after a back-off, so nothing is skipped.
            DomainLog.ProjectionFailed(logger, exception, GetPrimaryKeyString(), token.SequenceNumber);
            throw;
        }
    }
}
