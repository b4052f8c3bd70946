namespace Visco.Runtime.Abstractions.Reminders;

/// <summary>When a reminder tick happened.</summary>
/// <param name="FirstTickTime">When the reminder first became due.</param>
/// <param name="Period">The period between ticks.</param>
/// <param name="CurrentTickTime">The time of this tick.</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
