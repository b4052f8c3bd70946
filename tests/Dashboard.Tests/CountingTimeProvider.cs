using Visco.TestKit;

namespace Visco.Dashboard.Tests;

/// <summary>A manual clock that counts the timers created from it, to prove an idle dashboard creates none.</summary>
internal sealed class CountingTimeProvider : TimeProvider
{
    public ManualTimeProvider Clock { get; } = new();

    public int TimersCreated { get; private set; }

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        return Clock.CreateTimer(callback, state, dueTime, period);
    }
}
