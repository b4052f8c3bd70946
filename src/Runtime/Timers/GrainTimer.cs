using System.Reflection;
using Visco.Runtime.Abstractions.Timers;
using Visco.Runtime.Catalog;
using Visco.Runtime.Invocation;

namespace Visco.Runtime.Timers;

/// <summary>
/// A timer bound to one activation. Each tick is queued as a call of the activation, so it obeys the same turn rules
/// as calls (unless it interleaves); a tick that is still running when the next falls due makes that one skip.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private static readonly MethodInfo TickMethod = typeof(GrainTimer).GetMethod(nameof(Tick), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ActivationData _activation;
    private readonly VoidGrainMethod _method;
    private readonly GrainTimerCreationOptions _options;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timer;
    private int _ticking;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _options = options;
        _method = new VoidGrainMethod(
            TickMethod, "timer", callback.Method.Name, options.Interleave, (_, _) => RunTickAsync(callback), returnsValueTask: false);
    }

    /// <summary>Arms the timer.</summary>
    public void Start() => _timer = _activation.TimeProvider.CreateTimer(_ => Tick(), null, _options.DueTime, _options.Period);

    /// <inheritdoc />
    public void Change(TimeSpan dueTime, TimeSpan period) => _timer?.Change(dueTime, period);

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    /// <summary>Stops the timer for good (the activation is going away).</summary>
    public void Stop()
    {
        _timer?.Dispose();
        if (!_stopped.IsCancellationRequested)
        {
            _stopped.Cancel();
        }
    }

    private void Tick()
    {
        if (_stopped.IsCancellationRequested || Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        var request = new VoidGrainRequest(_method, _activation.GrainId, []) { KeepsAlive = _options.KeepAlive };
        if (!_activation.TryEnqueue(request))
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    // The next tick may run once this one's turn ends; resetting inside the turn means a call queued behind the tick
    // observes the timer ready again.
    private async Task RunTickAsync(Func<CancellationToken, Task> callback)
    {
        try
        {
            await callback(_stopped.Token);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
