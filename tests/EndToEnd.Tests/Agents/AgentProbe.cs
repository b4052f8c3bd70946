extern alias firmware;

using firmware::Visco.Firmware.Agent;

namespace Visco.EndToEnd.Tests.Agents;

/// <summary>Counts one agent's acknowledgements, results and reconnects; a test waits (bounded) for a count.</summary>
public sealed class AgentProbe : IAgentObserver
{
    private readonly Lock _lock = new();
    private readonly List<(Func<AgentProbe, bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Measurements the broker acknowledged.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Results received (not refusals).</summary>
    public int Results { get; private set; }

    /// <summary>Refusals received on the results topic.</summary>
    public int Refusals { get; private set; }

    /// <summary>Reconnects after a lost connection.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Waits until at least <paramref name="count"/> measurements were acknowledged.</summary>
    public Task WaitForAcknowledgedAsync(int count) => WaitAsync(p => p.Acknowledged >= count, $"{count} acknowledgements");

    /// <summary>Waits until at least <paramref name="count"/> results arrived.</summary>
    public Task WaitForResultsAsync(int count) => WaitAsync(p => p.Results >= count, $"{count} results");

    /// <summary>Waits until the agent reconnected at least <paramref name="count"/> times.</summary>
    public Task WaitForReconnectsAsync(int count) => WaitAsync(p => p.Reconnects >= count, $"{count} reconnects");

    /// <inheritdoc />
    public void MeasurementSent()
    {
    }

    /// <inheritdoc />
    public void MeasurementAcknowledged() => Update(() => Acknowledged++);

    /// <inheritdoc />
    public void ResultReceived(TimeSpan? latency, bool isError) => Update(() =>
    {
        if (isError)
        {
            Refusals++;
        }
        else
        {
            Results++;
        }
    });

    /// <inheritdoc />
    public void Reconnected() => Update(() => Reconnects++);

    private async Task WaitAsync(Func<AgentProbe, bool> condition, string what)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(this))
            {
                return;
            }

            _waiters.Add((condition, signal));
        }

        try
        {
            await signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"waited for {what}: {Acknowledged} acknowledged, {Results} results, {Refusals} refusals", exception);
        }
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
