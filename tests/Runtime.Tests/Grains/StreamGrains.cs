using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Publishes to the "readings" stream with its own key.</summary>
public interface IPublisherGrain : IGrainWithStringKey
{
    /// <summary>Publishes values in order.</summary>
    Task Publish(int[] values);

    /// <summary>Publishes values to (<paramref name="streamNamespace"/>, own key) with one batch append.</summary>
    Task PublishBatch(string streamNamespace, int[] values);
}

/// <summary>Consumes the "readings" stream implicitly (one consumer per stream key).</summary>
public interface IImplicitConsumerGrain : IGrainWithStringKey
{
    /// <summary>The values it consumed, in order.</summary>
    Task<int[]> Consumed();
}

/// <summary>Subscribes explicitly to a stream of another key.</summary>
public interface IExplicitConsumerGrain : IGrainWithStringKey
{
    /// <summary>Subscribes to ("readings", key).</summary>
    Task Subscribe(string key);
}

/// <summary>A reading.</summary>
public sealed record Reading(int Value);

/// <summary>An event every subscriber in the silo may share (one instance, the publisher's when published here).</summary>
[Visco.Runtime.Abstractions.Immutable]
public sealed record SharedNote(string Text, double[] Values);

/// <summary>State of the implicit consumer: what it consumed and the last sequence handled.</summary>
public sealed class ConsumerState
{
    /// <summary>Values consumed.</summary>
    public List<int> Values { get; set; } = [];

    /// <summary>Last sequence number handled, for idempotence.</summary>
    public long LastSequence { get; set; }
}

internal sealed class PublisherGrain : Grain, IPublisherGrain
{
    public async Task Publish(int[] values)
    {
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("readings", GetPrimaryKeyString()));
        foreach (var value in values)
        {
            await stream.OnNextAsync(new Reading(value));
        }
    }

    public Task PublishBatch(string streamNamespace, int[] values) =>
        GetStreamProvider("durable").GetStream<Reading>(new StreamId(streamNamespace, GetPrimaryKeyString()))
            .OnNextBatchAsync([.. values.Select(v => new Reading(v))]);
}

[ImplicitStreamSubscription("readings")]
internal sealed class ImplicitConsumerGrain([PersistentState("consumer")] IPersistentState<ConsumerState> state)
    : Grain, IImplicitConsumerGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    /// <summary>Releases consumers of "crash-" streams held at the reading 30.</summary>
    public static void Open(string key) =>
        Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("readings", GetPrimaryKeyString()));
        await stream.SubscribeAsync(OnReading, cancellationToken);
    }

    public Task<int[]> Consumed() => Task.FromResult(state.State.Values.ToArray());

    private async Task OnReading(Reading reading, StreamSequenceToken token)
    {
        // Every delivery is recorded, duplicates included, so tests can see redelivery; state stays idempotent.
        Hosting.Recorder.Add($"implicit:{GetPrimaryKeyString()}", token.SequenceNumber);
        if (token.SequenceNumber <= state.State.LastSequence)
        {
            return;
        }

        if (reading.Value == 30 && GetPrimaryKeyString().StartsWith("crash-", StringComparison.Ordinal))
        {
            await Gates.GetOrAdd(GetPrimaryKeyString(), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        if (reading.Value == 13 && Hosting.Recorder.Get($"failed:{GetPrimaryKeyString()}").Count == 0)
        {
            Hosting.Recorder.Add($"failed:{GetPrimaryKeyString()}", token.SequenceNumber);
            throw new InvalidOperationException("13 fails once, to test redelivery");
        }

        state.State.Values.Add(reading.Value);
        state.State.LastSequence = token.SequenceNumber;
        await state.WriteStateAsync();
    }
}

internal sealed class ExplicitConsumerGrain : Grain, IExplicitConsumerGrain
{
    public async Task Subscribe(string key)
    {
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("readings", key));
        await stream.SubscribeAsync((reading, token) =>
        {
            Hosting.Recorder.Add($"explicit:{GetPrimaryKeyString()}", reading.Value);
            return Task.CompletedTask;
        });
    }
}

[ImplicitStreamSubscription("batched")]
internal sealed class BatchConsumerGrain : Grain, IGrainWithStringKey, IAsyncBatchObserver<Reading>
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GetStreamProvider("durable").GetStream<Reading>(new StreamId("batched", GetPrimaryKeyString())).SubscribeAsync(this, cancellationToken);

    /// <summary>Records each batch as its first token and size; a batch holding the value 13 fails the first time.</summary>
    public Task OnNextAsync(IReadOnlyList<SequentialItem<Reading>> items)
    {
        var key = GetPrimaryKeyString();
        Hosting.Recorder.Add($"batch-starts:{key}", items[0].Token.SequenceNumber);
        if (items.Any(i => i.Item.Value == 13) && Hosting.Recorder.Get($"failed:{key}").Count == 0)
        {
            Hosting.Recorder.Add($"failed:{key}", items[0].Token.SequenceNumber);
            throw new InvalidOperationException("a batch with 13 fails once, to test redelivery of the whole batch");
        }

        foreach (var item in items)
        {
            Hosting.Recorder.Add($"batched:{key}", (item.Item.Value, item.Token.SequenceNumber));
        }

        return Task.CompletedTask;
    }

    /// <summary>Records events that could not be read back.</summary>
    public Task OnErrorAsync(Exception error)
    {
        Hosting.Recorder.Add($"errors:{GetPrimaryKeyString()}", error.Message);
        return Task.CompletedTask;
    }
}
