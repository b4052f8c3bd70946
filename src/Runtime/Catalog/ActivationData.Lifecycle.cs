using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Invocation;
using Visco.Runtime.Hosting;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Catalog;

/// <summary>Activation and deactivation.</summary>
internal sealed partial class ActivationData
{
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the activation is gone.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Starts activating: construct, load state, OnActivateAsync; then the waiting calls run.</summary>
    public void Activate()
    {
        ClassInfo.CountActivation(+1);
        RuntimeInstruments.RecordActivation(ClassInfo.TypeName);
        Task.Factory.StartNew(ActivateAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    private async Task ActivateAsync()
    {
        try
        {
            RequestContext.CurrentChain = new CallChain(GrainId, null);
            if (!ClassInfo.IsStatelessWorker)
            {
                var registered = await _runtime.Directory.RegisterAsync(Address);
                if (registered != Address)
                {
                    throw new InvalidOperationException(
                        $"Grain {GrainId} is already active on silo {registered.Silo.Endpoint}; its calls belong there.");
                }
            }

            (var grain, _states) = _runtime.Activator.Create(ClassInfo, GrainId);
            grain.GrainContext = this;
            Instance = grain;
            foreach (var state in _states)
            {
                await state.ReadStateAsync();
            }

            using var cancellation = new CancellationTokenSource(_runtime.Options.ActivationTimeout, _runtime.TimeProvider);
            await grain.OnActivateAsync(cancellation.Token);
        }
        catch (Exception exception)
        {
            RuntimeLog.ActivationFailed(Logger, exception, GrainId);
            GrainRequest[] waiting;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                waiting = DrainWaitingLocked();
            }

            // Out of the catalog before any caller hears of the failure, so a caller that retries at once gets a fresh
            // activation and never sees this one still counted.
            Finish(DeactivationReason.ActivationFailed);
            var failure = new GrainActivationException($"Activation of grain {GrainId} failed: {exception.Message}", exception);
            foreach (var request in waiting)
            {
                request.TryFail(failure);
            }

            return;
        }

        var deactivateNow = false;
        lock (_lock)
        {
            _state = ActivationState.Valid;
            _lastActive = _runtime.TimeProvider.GetTimestamp();
            PumpLocked();
            if (_deactivateOnIdle && _running == 0)
            {
                _state = ActivationState.Deactivating;
                deactivateNow = true;
            }
        }

        if (deactivateNow)
        {
            ScheduleDeactivation();
        }
    }

    /// <summary>Whether it has been idle long enough to be collected.</summary>
    public bool IsCollectable(long now, TimeSpan age)
    {
        lock (_lock)
        {
            if (_state != ActivationState.Valid || _running > 0 || _waiting is { Count: > 0 } || now < _keepAliveUntil)
            {
                return false;
            }

            return now - _lastActive >= (long)(age.TotalSeconds * _runtime.TimeProvider.TimestampFrequency);
        }
    }

    /// <summary>Begins a graceful deactivation: running calls finish, then OnDeactivateAsync runs.</summary>
    public bool StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state is not (ActivationState.Valid or ActivationState.Activating) || (_state == ActivationState.Activating && reason != DeactivationReason.ShuttingDown))
            {
                return false;
            }

            if (_state == ActivationState.Activating)
            {
                // Shutting down while activating: let activation finish, then deactivate.
                _deactivateOnIdle = true;
                _deactivationReason = reason;
                return true;
            }

            _state = ActivationState.Deactivating;
            _deactivationReason = reason;
            if (_running > 0)
            {
                return true;
            }
        }

        ScheduleDeactivation();
        return true;
    }

    private void ScheduleDeactivation() =>
        Task.Factory.StartNew(DeactivateAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);

    private async Task DeactivateAsync()
    {
        DisposeTimers();
        try
        {
            using var cancellation = new CancellationTokenSource(_runtime.Options.DeactivationTimeout, _runtime.TimeProvider);
            await Instance!.OnDeactivateAsync(_deactivationReason, cancellation.Token)
                .WaitAsync(_runtime.Options.DeactivationTimeout, _runtime.TimeProvider);
        }
        catch (Exception exception)
        {
            RuntimeLog.DeactivationFailed(Logger, exception, GrainId);
        }

        GrainRequest[] waiting;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            waiting = DrainWaitingLocked();
        }

        Finish(_deactivationReason);

        // Calls that arrived while it was deactivating go to the next activation.
        foreach (var request in waiting)
        {
            _runtime.Catalog.Send(request);
        }
    }

    /// <summary>Stops at once, as in a crash: no OnDeactivateAsync, waiting calls fail.</summary>
    public void Abort(Exception reason)
    {
        GrainRequest[] waiting;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return;
            }

            _state = ActivationState.Invalid;
            waiting = DrainWaitingLocked();
        }

        DisposeTimers();
        foreach (var request in waiting)
        {
            request.TryFail(reason);
        }

        Finish(DeactivationReason.ShuttingDown);
    }

    private void Finish(DeactivationReason reason)
    {
        _streamHandlers?.Clear();
        if (!ClassInfo.IsStatelessWorker)
        {
            _ = _runtime.Directory.UnregisterAsync(Address);
        }

        _runtime.Catalog.OnDeactivated(this);
        ClassInfo.CountActivation(-1);
        RuntimeInstruments.RecordDeactivation(ClassInfo.TypeName, reason.ToString());
        _deactivated.TrySetResult();
    }

    private void DisposeTimers()
    {
        List<Timers.GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }

        timers?.ForEach(t => t.Stop());
    }
}
