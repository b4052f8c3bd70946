using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Bench;

/// <summary>A grain that does nothing: measures the runtime's own cost.</summary>
public interface IEchoGrain : IGrainWithIntegerKey
{
    /// <summary>Returns its argument.</summary>
    Task<int> Echo(int value);
}

/// <summary>A grain that writes ~200 bytes of state per call.</summary>
public interface IWriterGrain : IGrainWithIntegerKey
{
    /// <summary>Writes its state once.</summary>
    Task Write(int value);
}

/// <summary>Publishes to its own stream.</summary>
public interface IProducerGrain : IGrainWithIntegerKey
{
    /// <summary>Publishes <paramref name="count"/> events, <paramref name="batch"/> per append, to (<paramref name="streamNamespace"/>, own key).</summary>
    Task Produce(int count, int batch, string streamNamespace);
}

/// <summary>The benchmark's state record.</summary>
public sealed class WriterState
{
    /// <summary>Last value written.</summary>
    public int Value { get; set; }

    /// <summary>Padding to a realistic record size.</summary>
    public string Payload { get; set; } = new('x', 180);
}

/// <summary>An event of the stream benchmark.</summary>
public sealed record Tick(int Value);

internal sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}

internal sealed class WriterGrain([PersistentState("w")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public Task Write(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }
}

internal sealed class ProducerGrain : Grain, IProducerGrain
{
    public async Task Produce(int count, int batch, string streamNamespace)
    {
        var stream = GetStreamProvider("durable").GetStream<Tick>(new StreamId(streamNamespace, GetPrimaryKeyLong().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var i = 0; i < count; i += batch)
        {
            if (batch == 1)
            {
                await stream.OnNextAsync(new Tick(i));
            }
            else
            {
                await stream.OnNextBatchAsync(Enumerable.Range(i, Math.Min(batch, count - i)).Select(v => new Tick(v)).ToArray());
            }
        }
    }
}

[ImplicitStreamSubscription("ticks")]
internal sealed class TickConsumerGrain : Grain, IGrainWithStringKey
{
    public static long Received;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetStreamProvider("durable").GetStream<Tick>(new StreamId("ticks", GetPrimaryKeyString()))
            .SubscribeAsync((_, _) =>
            {
                Interlocked.Increment(ref Received);
                return Task.CompletedTask;
            }, cancellationToken);
}

/// <summary>The same consumer with a batch observer: one turn and one checkpoint per batch of events.</summary>
[ImplicitStreamSubscription("ticks-batch")]
[ImplicitStreamSubscription("ticks-stuck")]
internal sealed class BatchTickConsumerGrain : Grain, IGrainWithStringKey
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var streamNamespace in new[] { "ticks-batch", "ticks-stuck" })
        {
            await GetStreamProvider("durable").GetStream<Tick>(new StreamId(streamNamespace, GetPrimaryKeyString()))
                .SubscribeAsync((IReadOnlyList<SequentialItem<Tick>> items) =>
                {
                    Interlocked.Add(ref TickConsumerGrain.Received, items.Count);
                    return Task.CompletedTask;
                }, cancellationToken);
        }
    }
}

/// <summary>A second subscriber of the "ticks-stuck" streams that holds its first delivery until released.</summary>
[ImplicitStreamSubscription("ticks-stuck")]
internal sealed class StuckTickConsumerGrain : Grain, IGrainWithStringKey
{
    /// <summary>Completed to let the stuck subscribers go on.</summary>
    public static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Events the stuck subscribers handled (after release).</summary>
    public static long Received;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetStreamProvider("durable").GetStream<Tick>(new StreamId("ticks-stuck", GetPrimaryKeyString()))
            .SubscribeAsync(async (IReadOnlyList<SequentialItem<Tick>> items) =>
            {
                await Gate.Task;
                Interlocked.Add(ref Received, items.Count);
            }, cancellationToken);
}
