using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Reminders;

namespace Visco.Runtime.Tests.Grains;

/// <summary>Starts a grain timer or a reminder and records the ticks.</summary>
public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer ticking every <paramref name="period"/>.</summary>
    Task StartTimer(TimeSpan period);

    /// <summary>Registers a reminder ticking every <paramref name="period"/>.</summary>
    Task StartReminder(string name, TimeSpan period);

    /// <summary>Removes a reminder.</summary>
    Task StopReminder(string name);

    /// <summary>Does nothing, in turn.</summary>
    Task Ping();

    /// <summary>Holds the grain's turn until <see cref="GrainGates.Release"/> is called for its key.</summary>
    Task Hold();

    /// <summary>Deactivates after this call.</summary>
    Task Deactivate();
}

internal sealed class TimerGrain : Grain, ITimerGrain, IRemindable
{
    public Task StartTimer(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            Hosting.Recorder.Add($"timer:{GetPrimaryKeyString()}", GrainContext.TimeProvider.GetUtcNow());
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task Ping() => Task.CompletedTask;

    public Task Hold() => GrainGates.For(GetPrimaryKeyString()).Task;

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Hosting.Recorder.Add($"timer-deactivated:{GetPrimaryKeyString()}", reason);
        return Task.CompletedTask;
    }

    public Task StartReminder(string name, TimeSpan period) => RegisterOrUpdateReminder(name, period, period);

    public async Task StopReminder(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Hosting.Recorder.Add($"reminder:{GetPrimaryKeyString()}:{reminderName}", status.CurrentTickTime);
        return Task.CompletedTask;
    }
}
