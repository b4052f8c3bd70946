using Microsoft.Extensions.Logging;

namespace Visco.Grains.Devices;

/// <summary>Log lines of a device's credentials (ids and counts only, never a secret).</summary>
internal static partial class CredentialLog
{
    [LoggerMessage(5301, LogLevel.Warning,
        "Device {DeviceId} re-provisioned by {RequestedBy} ({Reason}): {Certificates} certificate(s) retired, secret cleared {SecretCleared}; it waits for its hospital's claim")]
    public static partial void Reprovisioned(ILogger logger, string deviceId, string requestedBy, string reason, int certificates, bool secretCleared);

    [LoggerMessage(5302, LogLevel.Warning, "Device {DeviceId} re-provisioned, but its live connection could not be dropped")]
    public static partial void DisconnectFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(5303, LogLevel.Warning, "Device {DeviceId} re-provisioned, but its retained certificate message could not be cleared")]
    public static partial void RetainedCertificateNotCleared(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(5304, LogLevel.Warning, "Device {DeviceId}: a certificate issued by {Basis} was not recorded: {Reason}")]
    public static partial void IssueRefused(ILogger logger, string deviceId, string basis, string reason);
}
