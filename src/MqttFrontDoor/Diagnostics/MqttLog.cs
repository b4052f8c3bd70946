using System.Net;
using Microsoft.Extensions.Logging;

namespace Visco.MqttFrontDoor.Diagnostics;

/// <summary>The front door's log messages: device id and remote address, never payloads or secrets.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(1, LogLevel.Information, "MQTT client {ClientId} connected from {RemoteAddress} as {Identity} (MQTT {ProtocolVersion}, session present {SessionPresent})")]
    public static partial void Connected(ILogger logger, string clientId, EndPoint? remoteAddress, string identity, int protocolVersion, bool sessionPresent);

    [LoggerMessage(2, LogLevel.Warning, "MQTT CONNECT of {ClientId} from {RemoteAddress} refused: {ReasonCode} ({Reason})")]
    public static partial void ConnectRefused(ILogger logger, string clientId, EndPoint? remoteAddress, string reasonCode, string reason);

    [LoggerMessage(3, LogLevel.Information, "MQTT client {ClientId} from {RemoteAddress} disconnected: {Reason}")]
    public static partial void Disconnected(ILogger logger, string clientId, EndPoint? remoteAddress, string reason);

    [LoggerMessage(4, LogLevel.Warning, "MQTT protocol violation by {ClientId} from {RemoteAddress}: {Violation}")]
    public static partial void ProtocolViolation(ILogger logger, string clientId, EndPoint? remoteAddress, string violation);

    [LoggerMessage(5, LogLevel.Warning, "MQTT client {ClientId} from {RemoteAddress} refused on {Topic}: {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, EndPoint? remoteAddress, string topic, string reason);

    [LoggerMessage(6, LogLevel.Error, "MQTT connection of {ClientId} from {RemoteAddress} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string clientId, EndPoint? remoteAddress);

    [LoggerMessage(7, LogLevel.Information, "MQTT front door listening on {Listener} {EndPoint}")]
    public static partial void Listening(ILogger logger, string listener, EndPoint endPoint);

    [LoggerMessage(8, LogLevel.Information, "Issued a certificate to device {DeviceId} (thumbprint {Thumbprint}, valid until {NotAfter})")]
    public static partial void CertificateIssued(ILogger logger, string deviceId, string thumbprint, DateTimeOffset notAfter);

    [LoggerMessage(9, LogLevel.Warning, "Provisioning of {DeviceId} refused: {Reason}")]
    public static partial void ProvisioningRefused(ILogger logger, string deviceId, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Storing MQTT session state of {ClientId} failed")]
    public static partial void SessionStoreFailed(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(11, LogLevel.Warning, "Device message handler failed for {DeviceId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(12, LogLevel.Information, "Created the development MQTT server certificate {Path}")]
    public static partial void DevelopmentCertificateCreated(ILogger logger, string path);

    [LoggerMessage(13, LogLevel.Information, "Ended the MQTT session of {ClientId} (subscriptions and queued messages dropped): {Reason}")]
    public static partial void SessionEnded(ILogger logger, string clientId, string reason);
}
