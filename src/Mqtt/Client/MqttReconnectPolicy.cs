namespace Visco.Mqtt.Client;

/// <summary>Exponential back-off with jitter between connection attempts, so a fleet does not reconnect in lockstep.</summary>
public sealed record MqttReconnectPolicy
{
    /// <summary>The delay before the second attempt.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts.</summary>
    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How much each delay grows over the previous one.</summary>
    public double Multiplier { get; init; } = 2.0;

    /// <summary>The random spread, as a fraction of the delay (0.2 = ±20 %).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Attempts before giving up; <see cref="int.MaxValue"/> never gives up.</summary>
    public int MaximumAttempts { get; init; } = int.MaxValue;

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (0-based), with jitter drawn from <paramref name="random"/>.</summary>
    public TimeSpan GetDelay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var baseTicks = Math.Min(
            MaximumDelay.Ticks,
            InitialDelay.Ticks * Math.Pow(Multiplier, Math.Min(attempt, 64)));
        var spread = baseTicks * Jitter * ((random.NextDouble() * 2) - 1);
        return TimeSpan.FromTicks((long)Math.Clamp(baseTicks + spread, 0, MaximumDelay.Ticks));
    }
}
