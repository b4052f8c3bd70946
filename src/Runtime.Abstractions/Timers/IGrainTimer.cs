namespace Visco.Runtime.Abstractions.Timers;

/// <summary>A timer bound to an activation: its ticks are turns of the grain, and it stops when the grain deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
