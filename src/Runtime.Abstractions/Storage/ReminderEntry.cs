namespace Visco.Runtime.Abstractions.Storage;

/// <summary>A registered reminder: first due at <paramref name="StartAt"/>, then every <paramref name="Period"/>.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string ETag);
