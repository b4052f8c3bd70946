using System.Diagnostics;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Invocation;
using Visco.Runtime.Metrics;

namespace Visco.Runtime.Catalog;

/// <summary>Calls: accepting, queueing, starting and completing them.</summary>
internal sealed partial class ActivationData
{
    /// <summary>
    /// Accepts a call: starts it now if the turn rules allow, otherwise queues it. False when this activation is gone
    /// and the caller must find (or create) the current one.
    /// </summary>
    public bool TryEnqueue(GrainRequest request)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            if (_state == ActivationState.Valid && CanStartLocked(request))
            {
                StartLocked(request);
                return true;
            }

            // The call must wait. If this activation is itself up the caller's chain, it waits for a turn that can
            // only end after this call: fail now, clearly, instead of timing out.
            if (!ClassInfo.IsStatelessWorker && request.Chain is { } chain && chain.Contains(GrainId))
            {
                request.TryFail(new DeadlockException(
                    $"Deadlock: the call chain {chain} -> {GrainId} ({request.Method.DisplayName}) comes back into {GrainId}, " +
                    "which is busy with a non-reentrant call further up the same chain. Mark the grain [Reentrant] or the " +
                    "method [AlwaysInterleave], or restructure the calls."));
                return true;
            }

            (_waiting ??= new Queue<GrainRequest>(2)).Enqueue(request);
            return true;
        }
    }

    private bool CanStartLocked(GrainRequest request) =>
        ClassInfo.IsReentrant || request.Method.AlwaysInterleave || _runningExclusive == 0;

    private void StartLocked(GrainRequest request)
    {
        _running++;
        if (!ClassInfo.IsReentrant && !request.Method.AlwaysInterleave)
        {
            _runningExclusive++;
        }

        request.RunningOn = this;
        Task.Factory.StartNew(
            static state => ((GrainRequest)state!).RunningOn!.RunRequestAsync((GrainRequest)state),
            request,
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            Scheduler);
    }

    private async Task RunRequestAsync(GrainRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        if (!request.IsCompleted)
        {
            RequestContext.CurrentChain = new CallChain(GrainId, request.Chain);
            await request.InvokeAsync(Instance!);
        }

        RuntimeInstruments.RecordCall(ClassInfo.TypeName, request.Method.DisplayName, started, request.Failed);
        _runtime.Timeouts.Untrack(request);
        OnRequestCompleted(request);
        request.Complete();
    }

    private void OnRequestCompleted(GrainRequest request)
    {
        var deactivateNow = false;
        lock (_lock)
        {
            _running--;
            if (!ClassInfo.IsReentrant && !request.Method.AlwaysInterleave)
            {
                _runningExclusive--;
            }

            if (request.KeepsAlive)
            {
                _lastActive = _runtime.TimeProvider.GetTimestamp();
            }

            if (_state == ActivationState.Valid && _deactivateOnIdle && _running == 0)
            {
                _state = ActivationState.Deactivating;
            }

            if (_state == ActivationState.Deactivating)
            {
                deactivateNow = _running == 0;
            }
            else
            {
                PumpLocked();
            }
        }

        if (deactivateNow)
        {
            ScheduleDeactivation();
        }
    }

    /// <summary>Starts waiting calls, in order, for as long as the turn rules allow.</summary>
    private void PumpLocked()
    {
        while (_waiting is { Count: > 0 } && _state == ActivationState.Valid)
        {
            var next = _waiting.Peek();
            if (next.IsCompleted)
            {
                // Timed out while waiting: its caller has moved on.
                _waiting.Dequeue();
                continue;
            }

            if (!CanStartLocked(next))
            {
                return;
            }

            _waiting.Dequeue();
            StartLocked(next);
        }
    }

    private GrainRequest[] DrainWaitingLocked()
    {
        if (_waiting is null || _waiting.Count == 0)
        {
            return [];
        }

        var drained = _waiting.ToArray();
        _waiting.Clear();
        return drained;
    }
}
