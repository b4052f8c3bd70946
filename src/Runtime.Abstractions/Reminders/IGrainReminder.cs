namespace Visco.Runtime.Abstractions.Reminders;

/// <summary>A handle to a registered reminder.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique per grain.</summary>
    string ReminderName { get; }
}
