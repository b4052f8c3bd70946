using System.Reflection;
using Visco.Runtime.Abstractions.Timers;
using Visco.Runtime.Catalog;
using Visco.Runtime.Invocation;

namespace Visco.Runtime.Timers;

/// <summary>
/// A timer bound to one activation. Each tick is queued as a call of the activation, so it obeys the same turn rules
/// as calls (unless it interleaves); a tick that is still running when the next falls due makes that one skip.
/// A tick starts a call chain of its own: timers capture the execution context they were armed in, and a tick that
/// inherited the arming call's chain would be refused as a deadlock whenever it found its grain busy.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private static readonly MethodInfo TickMethod = typeof(GrainTimer).GetMethod(nameof(Tick), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ActivationData _activation;
    private readonly VoidGrainMethod _method;
    private readonly GrainTimerCreationOptions _options;
    private readonly CancellationTokenSource _stopped = new();
    private ITimer? _timer;
    private long _nextTick;

    // 0 when no tick is queued or running, else the id of the one that is: a tick's own completion clears only itself.
    private long _ticking;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _options = options;
        _method = new VoidGrainMethod(
            TickMethod, "timer", callback.Method.Name, options.Interleave, (_, arguments) => RunTickAsync(callback, (long)arguments[0]!), returnsValueTask: false);
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
        var id = Interlocked.Increment(ref _nextTick);
        if (_stopped.IsCancellationRequested || Interlocked.CompareExchange(ref _ticking, id, 0) != 0)
        {
            return;
        }

        var request = new VoidGrainRequest(_method, _activation.GrainId, [id]) { KeepsAlive = _options.KeepAlive, Chain = null };
        if (!_activation.TryEnqueue(request))
        {
            Interlocked.CompareExchange(ref _ticking, 0, id);
            return;
        }

        // A request can also end without its turn running (refused, timed out, the activation going away): the
        // timer must not stay "ticking" for good then.
        request.Task.ContinueWith(
            static (_, state) =>
            {
                var (timer, tick) = ((GrainTimer, long))state!;
                Interlocked.CompareExchange(ref timer._ticking, 0, tick);
            },
            (this, id),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // The next tick may run once this one's turn ends; resetting inside the turn means a call queued behind the tick
    // observes the timer ready again.
    private async Task RunTickAsync(Func<CancellationToken, Task> callback, long id)
    {
        try
        {
            await callback(_stopped.Token);
        }
        finally
        {
            Interlocked.CompareExchange(ref _ticking, 0, id);
        }
    }
}
