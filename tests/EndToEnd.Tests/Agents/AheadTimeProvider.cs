namespace Visco.EndToEnd.Tests.Agents;

/// <summary>
/// The system clock read <see cref="Ahead"/> later (timers run at the normal pace): an analyser whose calendar has
/// moved on towards its certificate's expiry while the cloud's has not, since a CA created by the test cannot back-date.
/// </summary>
public sealed class AheadTimeProvider(TimeSpan ahead) : TimeProvider
{
    /// <summary>How far ahead of the system clock this clock reads.</summary>
    public TimeSpan Ahead { get; } = ahead;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
}
