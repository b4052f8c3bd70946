namespace Visco.Runtime.Abstractions.State;

/// <summary>
/// The storage behind state, reminders or streams failed (database gone, disk full, locked). Nothing was acknowledged
/// as written; the call can be retried once storage is back.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner) : Exception(message, inner);
