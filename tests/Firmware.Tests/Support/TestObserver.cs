using Visco.Firmware.Agent;

namespace Visco.Firmware.Tests.Support;

/// <summary>Counts an agent's events and lets a test wait (bounded) for a number of acknowledgements.</summary>
public sealed class TestObserver : IAgentObserver
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _resultWaiters = [];
    private int _acknowledged;
    private int _results;

    /// <summary>Acknowledged measurements.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Results received.</summary>
    public int Results => Volatile.Read(ref _results);

    /// <summary>Waits until at least <paramref name="count"/> measurements were acknowledged.</summary>
    public Task WaitForAcknowledgedAsync(int count)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_acknowledged >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <inheritdoc />
    public void MeasurementAcknowledged()
    {
        lock (_lock)
        {
            _acknowledged++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _acknowledged).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <inheritdoc />
    public void MeasurementSent()
    {
    }

    /// <inheritdoc />
    public void ResultReceived(TimeSpan? latency, bool isError)
    {
        lock (_lock)
        {
            _results++;
            foreach (var waiter in _resultWaiters.Where(w => w.Count <= _results).ToList())
            {
                waiter.Signal.TrySetResult();
                _resultWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> results arrived.</summary>
    public Task WaitForResultsAsync(int count)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_results >= count)
            {
                return Task.CompletedTask;
            }

            _resultWaiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <inheritdoc />
    public void Reconnected()
    {
    }
}
