using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Reminders;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Timers;
using Visco.Runtime.Invocation;
using Visco.Runtime.Placement;
using Visco.Runtime.State;
using Visco.Runtime.Streams;
using Visco.Runtime.Timers;

namespace Visco.Runtime.Catalog;

/// <summary>
/// One activation of a grain: the instance, its task scheduler, its queue of waiting calls and its lifecycle.
/// Invariant: every piece of grain code of this activation (constructor, OnActivateAsync, calls, timer ticks, stream
/// deliveries, OnDeactivateAsync) runs on <see cref="Scheduler"/>, one task at a time; a non-reentrant activation
/// starts a call only when no other exclusive call is running, so a call never sees another call's half-done work.
/// The message loop is split across partial files: MessageLoop (calls) and Lifecycle (activate, deactivate).
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    private readonly Lock _lock = new();
    private readonly GrainRuntime _runtime;
    private ActivationState _state = ActivationState.Activating;
    private Queue<GrainRequest>? _waiting;
    private int _running;
    private int _runningExclusive;
    private long _lastActive;
    private long _keepAliveUntil;
    private bool _deactivateOnIdle;
    private DeactivationReason _deactivationReason;
    private List<GrainTimer>? _timers;
    private IReadOnlyList<IBoundState> _states = [];
    private ActivationStreamHandlers? _streamHandlers;

    public ActivationData(GrainRuntime runtime, GrainClassInfo classInfo, GrainId grainId)
    {
        _runtime = runtime;
        ClassInfo = classInfo;
        GrainId = grainId;
        _lastActive = runtime.TimeProvider.GetTimestamp();
        Scheduler = new ActivationTaskScheduler(this);
        Address = new GrainAddress(grainId, runtime.Silo, Guid.NewGuid());
    }

    /// <summary>This activation's address in the grain directory.</summary>
    public GrainAddress Address { get; }

    /// <inheritdoc />
    public GrainId GrainId { get; }

    /// <summary>The grain's class.</summary>
    public GrainClassInfo ClassInfo { get; }

    /// <summary>Runs this activation's code one task at a time.</summary>
    public ActivationTaskScheduler Scheduler { get; }

    /// <summary>The grain instance, once constructed.</summary>
    public Grain? Instance { get; private set; }

    /// <summary>The stream subscriptions this activation consumes, once it subscribes to any.</summary>
    public ActivationStreamHandlers StreamHandlers => _streamHandlers ??= new ActivationStreamHandlers();

    /// <summary>Whether it serves no call and waits for none.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _state == ActivationState.Valid && _running == 0 && (_waiting is null || _waiting.Count == 0);
            }
        }
    }

    /// <summary>Calls running plus calls waiting: how loaded it is, for stateless-worker placement.</summary>
    public int Load
    {
        get
        {
            lock (_lock)
            {
                return _running + (_waiting?.Count ?? 0);
            }
        }
    }

    /// <inheritdoc />
    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <inheritdoc />
    public IServiceProvider Services => _runtime.Services;

    /// <inheritdoc />
    public TimeProvider TimeProvider => _runtime.TimeProvider;

    private ILogger Logger => _runtime.Logger;

    /// <inheritdoc />
    public void DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateOnIdle = true;
            _deactivationReason = DeactivationReason.ApplicationRequested;
        }
    }

    /// <inheritdoc />
    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = _runtime.TimeProvider.GetTimestamp() + (long)(timeSpan.TotalSeconds * _runtime.TimeProvider.TimestampFrequency);
        lock (_lock)
        {
            _keepAliveUntil = Math.Max(_keepAliveUntil, until);
        }
    }

    /// <inheritdoc />
    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, options);
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    /// <inheritdoc />
    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        _runtime.Reminders.RegisterOrUpdateAsync(GrainId, ClassInfo, reminderName, dueTime, period);

    /// <inheritdoc />
    public Task UnregisterReminder(IGrainReminder reminder) => _runtime.Reminders.UnregisterAsync(GrainId, reminder.ReminderName);

    /// <inheritdoc />
    public Task<IGrainReminder?> GetReminder(string reminderName) => _runtime.Reminders.GetAsync(GrainId, reminderName);

    /// <inheritdoc />
    public IStreamProvider GetStreamProvider(string name) => _runtime.Streams.GetProvider(name);

    /// <summary>Forgets a disposed timer.</summary>
    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"[Activation {GrainId} {_state}]";
}
