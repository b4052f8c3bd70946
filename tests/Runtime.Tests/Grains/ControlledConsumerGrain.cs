using System.Collections.Concurrent;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Subscribes explicitly to ("readings", key) and behaves as <see cref="ConsumerSwitch"/> says.</summary>
public interface IControlledConsumerGrain : IGrainWithStringKey
{
    /// <summary>Subscribes, with a one-event observer or a batch observer.</summary>
    Task Subscribe(string streamKey, bool batch);
}

/// <summary>
/// What a controlled consumer does with the next delivery: handle it, throw, or wait until released. Every attempt is
/// recorded in <c>attempts:{grain}</c>, every handled event's sequence in <c>got:{grain}</c>.
/// </summary>
public static class ConsumerSwitch
{
    private static readonly ConcurrentDictionary<string, (bool Throw, TaskCompletionSource Gate)> Switches = new();

    /// <summary>The grain throws on every delivery until released.</summary>
    public static void Throw(string grain) => Switches[grain] = (true, NewGate());

    /// <summary>The grain's observer waits (holding its turn) until released.</summary>
    public static void Block(string grain) => Switches[grain] = (false, NewGate());

    /// <summary>The grain handles deliveries again (a blocked observer goes on).</summary>
    public static void Release(string grain)
    {
        if (Switches.TryRemove(grain, out var entry))
        {
            entry.Gate.TrySetResult();
        }
    }

    /// <summary>Applies the switch to one delivery attempt.</summary>
    internal static async Task EnterAsync(string grain, long firstSequence)
    {
        Hosting.Recorder.Add($"attempts:{grain}", firstSequence);
        if (Switches.TryGetValue(grain, out var entry))
        {
            if (entry.Throw)
            {
                throw new InvalidOperationException($"{grain} fails until released");
            }

            await entry.Gate.Task;
        }
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class ControlledConsumerGrain : Grain, IControlledConsumerGrain
{
    public async Task Subscribe(string streamKey, bool batch)
    {
        var stream = GetStreamProvider("durable").GetStream<Reading>(new StreamId("readings", streamKey));
        var me = GetPrimaryKeyString();
        if (batch)
        {
            await stream.SubscribeAsync(async (IReadOnlyList<SequentialItem<Reading>> items) =>
            {
                await ConsumerSwitch.EnterAsync(me, items[0].Token.SequenceNumber);
                Hosting.Recorder.Add($"batches:{me}", items.Count);
                foreach (var item in items)
                {
                    Hosting.Recorder.Add($"got:{me}", item.Token.SequenceNumber);
                }
            });
        }
        else
        {
            await stream.SubscribeAsync(async (Reading _, StreamSequenceToken token) =>
            {
                await ConsumerSwitch.EnterAsync(me, token.SequenceNumber);
                Hosting.Recorder.Add($"got:{me}", token.SequenceNumber);
            });
        }
    }
}
