namespace Visco.Runtime.Abstractions.Timers;

/// <summary>How a grain timer fires.</summary>
/// <param name="DueTime">Time to the first tick.</param>
/// <param name="Period">Time between ticks; <see cref="Timeout.InfiniteTimeSpan"/> fires once.</param>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Whether a tick may interleave with calls (otherwise it waits its turn like a call).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity, keeping the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
