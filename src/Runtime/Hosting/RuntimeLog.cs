using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Hosting;

/// <summary>The runtime's log messages (source-generated; grain ids only, never payloads).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Warning, "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(2, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(3, LogLevel.Warning, "Call {Method} to grain {GrainId} timed out after {Timeout}")]
    public static partial void CallTimedOut(ILogger logger, string method, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(4, LogLevel.Information, "Silo started: {GrainClasses} grain classes, storage {Storage}")]
    public static partial void SiloStarted(ILogger logger, int grainClasses, string storage);

    [LoggerMessage(5, LogLevel.Information, "Silo stopping: deactivating {Activations} activations")]
    public static partial void SiloStopping(ILogger logger, int activations);

    [LoggerMessage(6, LogLevel.Warning, "Reminder {ReminderName} of grain {GrainId} failed")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, GrainId grainId, string reminderName);

    [LoggerMessage(7, LogLevel.Warning, "Stream delivery of {StreamId} sequence {Sequence} to {Subscriber} failed; it will be retried")]
    public static partial void StreamDeliveryFailed(ILogger logger, Exception exception, string streamId, long sequence, string subscriber);

    [LoggerMessage(8, LogLevel.Error, "Stream agent could not read the queue; retrying")]
    public static partial void StreamAgentFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Storage failed to {Operation} state {StateName} of grain {GrainId}")]
    public static partial void StorageFailed(ILogger logger, Exception exception, string operation, string stateName, GrainId grainId);

    [LoggerMessage(11, LogLevel.Warning, "State {StateName} of grain {GrainId} changed underneath a {Operation} (stored ETag {StoredEtag}, expected {ExpectedEtag}); nothing was overwritten")]
    public static partial void StateConflict(ILogger logger, string operation, string stateName, GrainId grainId, string? storedEtag, string? expectedEtag);

    [LoggerMessage(9, LogLevel.Error, "Reminder service could not read the reminder table; retrying")]
    public static partial void ReminderTableFailed(ILogger logger, Exception exception);
}
