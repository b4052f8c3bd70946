using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Invocation;

/// <summary>
/// Fails calls that outlive the call timeout. One timer scans the calls in flight a few times per timeout period,
/// instead of a timer per call, which would cost more than the call itself.
/// </summary>
internal sealed class CallTimeoutMonitor : IDisposable
{
    private readonly ConcurrentDictionary<GrainRequest, byte> _inFlight = new(ReferenceEqualityComparer.Instance);
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly ITimer _timer;

    public CallTimeoutMonitor(TimeProvider time, TimeSpan timeout, ILogger logger)
    {
        _time = time;
        _timeout = timeout;
        _logger = logger;
        var scan = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
        _timer = time.CreateTimer(_ => Scan(), null, scan, scan);
    }

    /// <summary>Calls in flight now.</summary>
    public int Count => _inFlight.Count;

    /// <summary>Starts watching a call.</summary>
    public void Track(GrainRequest request)
    {
        request.SentAt = _time.GetTimestamp();
        _inFlight.TryAdd(request, 0);
    }

    /// <summary>Stops watching a call.</summary>
    public void Untrack(GrainRequest request) => _inFlight.TryRemove(request, out _);

    /// <summary>Fails every call in flight (the silo was killed).</summary>
    public void FailAll(Exception reason)
    {
        foreach (var request in _inFlight.Keys)
        {
            request.TryFail(reason);
            Untrack(request);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Scan()
    {
        var now = _time.GetTimestamp();
        var limit = (long)(_timeout.TotalSeconds * _time.TimestampFrequency);
        foreach (var request in _inFlight.Keys)
        {
            if (request.IsCompleted)
            {
                Untrack(request);
            }
            else if (now - request.SentAt >= limit)
            {
                Untrack(request);
                if (request.TryFail(new GrainCallTimeoutException(
                    $"Call {request.Method.DisplayName} to grain {request.Target} got no response within {_timeout}. " +
                    "The grain may be busy with a long call, blocked, or waiting on a chain of calls that comes back to it.")))
                {
                    RuntimeLog.CallTimedOut(_logger, request.Method.DisplayName, request.Target, _timeout);
                }
            }
        }
    }
}
