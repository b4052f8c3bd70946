namespace Visco.Runtime.Abstractions.Reminders;

/// <summary>Implemented by grains that register reminders: the runtime calls it at every tick, activating the grain.</summary>
[Alias("remindable")]
public interface IRemindable : IGrain
{
    /// <summary>A reminder ticked.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
