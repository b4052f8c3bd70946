using Microsoft.Extensions.Logging;
using Visco.MqttFrontDoor.Diagnostics;

namespace Visco.MqttFrontDoor.Sessions;

/// <summary>
/// Writes one session's changes to its grain in the order they were made. Grain calls from different threads could
/// otherwise overtake each other (a removal landing before the put it undoes), so each write waits for the previous.
/// </summary>
internal sealed class MqttSessionStore(IMqttSessionGrain grain, string clientId, ILogger logger)
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;

    public IMqttSessionGrain Grain { get; } = grain;

    /// <summary>Queues a write after every earlier one; the task fails when this write fails.</summary>
    public Task Enqueue(Func<IMqttSessionGrain, Task> write)
    {
        lock (_gate)
        {
            var task = RunAfter(_tail, write);
            _tail = task;
            return task;
        }
    }

    private async Task RunAfter(Task previous, Func<IMqttSessionGrain, Task> write)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already logged by the write that failed; this one still runs.
        }

        try
        {
            await write(Grain).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            MqttLog.SessionStoreFailed(logger, exception, clientId);
            throw;
        }
    }
}
