using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Grains.Devices;

/// <summary>The command queue's log lines (never settings or URLs' query strings: ids, types and statuses only).</summary>
internal static partial class CommandLog
{
    [LoggerMessage(5201, LogLevel.Information, "Command {CommandId} ({Type}) issued to device {DeviceId} by {IssuedBy}")]
    public static partial void Issued(ILogger logger, string deviceId, string commandId, DeviceCommandType type, string issuedBy);

    [LoggerMessage(5202, LogLevel.Debug, "Command {CommandId} sent to device {DeviceId}")]
    public static partial void Sent(ILogger logger, string deviceId, string commandId);

    [LoggerMessage(5203, LogLevel.Information, "Device {DeviceId} answered command {CommandId}: {Status}")]
    public static partial void Answered(ILogger logger, string deviceId, string commandId, DeviceCommandStatus status);

    [LoggerMessage(5204, LogLevel.Warning, "Reply of device {DeviceId} to command {CommandId} refused: {Code} ({Reason})")]
    public static partial void ReplyRefused(ILogger logger, string deviceId, string commandId, string code, string reason);

    [LoggerMessage(5205, LogLevel.Warning, "Publishing command {CommandId} to device {DeviceId} failed; it stays queued")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string deviceId, string commandId);

    [LoggerMessage(5206, LogLevel.Information, "Device {DeviceId}: desired configuration version {Version} set by {SetBy}")]
    public static partial void ConfigurationSet(ILogger logger, string deviceId, long version, string setBy);

    [LoggerMessage(5207, LogLevel.Information, "Device {DeviceId} acknowledged configuration version {Version}")]
    public static partial void ConfigurationAcknowledged(ILogger logger, string deviceId, long version);

    [LoggerMessage(5208, LogLevel.Information, "Command {CommandId} of device {DeviceId} cancelled by {CancelledBy}")]
    public static partial void Cancelled(ILogger logger, string deviceId, string commandId, string cancelledBy);
}
