using System.Collections.Concurrent;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.Reminders;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Catalog;
using Visco.Runtime.Hosting;

namespace Visco.Runtime.Reminders;

/// <summary>
/// Durable reminders: registrations live in the reminder table, so they outlive activations and silo restarts. At
/// start the service reads the table and arms a timer per reminder; each tick calls the grain's
/// <see cref="IRemindable.ReceiveReminder"/>, activating it if needed. Ticks missed while the silo was down are not
/// replayed: the next tick falls on the reminder's period grid, as in Orleans.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime, IReminderTable table) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(GrainId, string), ITimer> _timers = new();

    /// <summary>Reads the table and arms every reminder.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await table.ReadAllAsync(cancellationToken))
        {
            Arm(entry);
        }
    }

    /// <summary>Registers or updates a reminder and arms it.</summary>
    public async Task<IGrainReminder> RegisterOrUpdateAsync(
        GrainId grainId, GrainClassInfo classInfo, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (!typeof(IRemindable).IsAssignableFrom(classInfo.ClassType))
        {
            throw new InvalidOperationException(
                $"Grain class {classInfo.ClassType.Name} registers reminder '{reminderName}' but does not implement IRemindable.");
        }

        if (period < runtime.Options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period), $"Reminder period {period} is shorter than the minimum {runtime.Options.MinimumReminderPeriod}; use a grain timer for short periods.");
        }

        var entry = await table.UpsertAsync(grainId, reminderName, runtime.TimeProvider.GetUtcNow() + dueTime, period, CancellationToken.None);
        Arm(entry);
        return new GrainReminder(reminderName);
    }

    /// <summary>Removes a reminder.</summary>
    public async Task UnregisterAsync(GrainId grainId, string reminderName)
    {
        await table.RemoveAsync(grainId, reminderName, CancellationToken.None);
        if (_timers.TryRemove((grainId, reminderName), out var timer))
        {
            timer.Dispose();
        }
    }

    /// <summary>The reminder with a name, or null.</summary>
    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName)
    {
        var entry = await table.ReadAsync(grainId, reminderName, CancellationToken.None);
        return entry is null ? null : new GrainReminder(entry.ReminderName);
    }

    /// <summary>Disarms every reminder (the table keeps them).</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
        return ValueTask.CompletedTask;
    }

    private void Arm(ReminderEntry entry)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var due = entry.StartAt - now;
        if (due <= TimeSpan.Zero)
        {
            // Its first tick is past (it may have fired just before a restart): the next tick is the next point of
            // its period grid strictly after now, so a tick is never fired twice and missed ones are not replayed.
            var elapsedPeriods = Math.Floor((now - entry.StartAt) / entry.Period) + 1;
            due = entry.StartAt + (entry.Period * elapsedPeriods) - now;
        }

        var timer = runtime.TimeProvider.CreateTimer(_ => Fire(entry), null, due, entry.Period);
        _timers.AddOrUpdate((entry.GrainId, entry.ReminderName), timer, (_, old) =>
        {
            old.Dispose();
            return timer;
        });
    }

    private void Fire(ReminderEntry entry)
    {
        var status = new TickStatus(entry.StartAt, entry.Period, runtime.TimeProvider.GetUtcNow());
        _ = FireAsync(entry, status);
    }

    private async Task FireAsync(ReminderEntry entry, TickStatus status)
    {
        try
        {
            var grain = runtime.GrainFactory.GetGrain<IRemindable>(entry.GrainId);
            await grain.ReceiveReminder(entry.ReminderName, status);
        }
        catch (Exception exception)
        {
            RuntimeLog.ReminderFailed(runtime.Logger, exception, entry.GrainId, entry.ReminderName);
        }
    }
}
