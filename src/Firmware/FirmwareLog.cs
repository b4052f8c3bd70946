using Microsoft.Extensions.Logging;
using Visco.Firmware.Agent;
using Visco.Firmware.Messages;
using Visco.Mqtt.Packets;

namespace Visco.Firmware;

/// <summary>The agent's log lines. Never a payload or a secret: sample ids and results only, as the analyser shows them.</summary>
internal static partial class FirmwareLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {DeviceId} started: firmware {Firmware}, {QueueDepth} measurements queued")]
    public static partial void AgentStarted(ILogger logger, string deviceId, string firmware, int queueDepth);

    [LoggerMessage(2, LogLevel.Information, "Agent {DeviceId} stopped ({Reason}); {QueueDepth} measurements still queued")]
    public static partial void AgentStopped(ILogger logger, string deviceId, AgentStopReason reason, int queueDepth);

    [LoggerMessage(3, LogLevel.Error, "Agent {DeviceId}: a background loop failed; stopping so the host can restart it")]
    public static partial void LoopFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Agent {DeviceId} wiped: queue, credentials and state deleted")]
    public static partial void Wiped(ILogger logger, string deviceId);

    [LoggerMessage(10, LogLevel.Information, "Agent {DeviceId} connected over MQTT {Version} (session present: {SessionPresent}); {QueueDepth} measurements to send")]
    public static partial void Connected(ILogger logger, string deviceId, MqttProtocolVersion version, bool sessionPresent, int queueDepth);

    [LoggerMessage(11, LogLevel.Warning, "Agent {DeviceId} lost its connection; {QueueDepth} measurements queued, reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string deviceId, int queueDepth);

    [LoggerMessage(12, LogLevel.Warning, "Agent {DeviceId}: connect attempt {Attempt} failed ({Reason}); next attempt in {DelaySeconds:F1} s")]
    public static partial void ConnectFailed(ILogger logger, string deviceId, int attempt, double delaySeconds, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Agent {DeviceId}: the broker does not speak MQTT 5; falling back to MQTT 3.1.1")]
    public static partial void FallingBackTo311(ILogger logger, string deviceId);

    [LoggerMessage(15, LogLevel.Warning, "Agent {DeviceId}: the broker closed {Count} MQTT 5 connects without CONNACK; falling back to MQTT 3.1.1 (back to 5 if 3.1.1 fares no better)")]
    public static partial void ProbingMqtt311(ILogger logger, string deviceId, int count);

    [LoggerMessage(14, LogLevel.Warning, "Agent {DeviceId}: the device certificate expires at {NotAfter:u}; replace the configured certificate files")]
    public static partial void CertificateExpiresSoon(ILogger logger, string deviceId, DateTime notAfter);

    [LoggerMessage(16, LogLevel.Warning, "Agent {DeviceId}: the device certificate expires at {NotAfter:u}; renewing it over the connection")]
    public static partial void CertificateExpiresSoonRenewing(ILogger logger, string deviceId, DateTime notAfter);

    [LoggerMessage(23, LogLevel.Information, "Agent {DeviceId}: renewing the device certificate (new key, CSR over MQTT)")]
    public static partial void CertificateRenewing(ILogger logger, string deviceId);

    [LoggerMessage(24, LogLevel.Information, "Agent {DeviceId}: certificate renewed and stored; reconnecting with it")]
    public static partial void CertificateRenewed(ILogger logger, string deviceId);

    [LoggerMessage(25, LogLevel.Error, "Agent {DeviceId}: certificate renewal failed: {Reason}; the current certificate stays, trying again later")]
    public static partial void CertificateRenewalFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(20, LogLevel.Information, "Agent {DeviceId}: provisioning by claim {ClaimId}")]
    public static partial void ProvisioningStarted(ILogger logger, string deviceId, string claimId);

    [LoggerMessage(22, LogLevel.Error, "Agent {DeviceId}: provisioning by claim {ClaimId} failed (attempt {Attempt}): {Reason}; next attempt in {DelaySeconds:F1} s")]
    public static partial void ProvisioningFailed(ILogger logger, string deviceId, string claimId, int attempt, double delaySeconds, string reason);

    [LoggerMessage(21, LogLevel.Information, "Agent {DeviceId}: certificate received and stored; reconnecting as the device")]
    public static partial void ProvisioningCompleted(ILogger logger, string deviceId);

    [LoggerMessage(30, LogLevel.Error, "Agent {DeviceId}: measurement {SampleId} NOT stored (disk full: {DiskFull}): {Reason}; repeat it when storage is fixed")]
    public static partial void MeasurementNotStored(ILogger logger, string deviceId, string sampleId, bool diskFull, string reason);

    [LoggerMessage(31, LogLevel.Warning, "Agent {DeviceId}: queue full ({Capacity}); measurement {SampleId} refused (policy refuse-new), repeat it later")]
    public static partial void QueueFullRefused(ILogger logger, string deviceId, string sampleId, int capacity);

    [LoggerMessage(32, LogLevel.Warning, "Agent {DeviceId}: queue full ({Capacity}); oldest measurement {SampleId} discarded (policy drop-oldest)")]
    public static partial void QueueFullDroppedOldest(ILogger logger, string deviceId, string sampleId, int capacity);

    [LoggerMessage(33, LogLevel.Warning, "Agent {DeviceId}: cloud deferred measurement {SampleId} ({Code}: {ReasonString}); kept, retrying")]
    public static partial void MeasurementDeferred(ILogger logger, string deviceId, string sampleId, MqttPubAckReasonCode code, string? reasonString);

    [LoggerMessage(34, LogLevel.Error, "Agent {DeviceId}: cloud rejected measurement {SampleId} ({Code}: {ReasonString}); removed from the queue")]
    public static partial void MeasurementRejected(ILogger logger, string deviceId, string sampleId, MqttPubAckReasonCode code, string? reasonString);

    [LoggerMessage(35, LogLevel.Error, "Agent {DeviceId}: measurement {SampleId} breaks the broker's limits ({Reason}); kept in the queue")]
    public static partial void MeasurementUnsendable(ILogger logger, string deviceId, string sampleId, string reason);

    [LoggerMessage(36, LogLevel.Error, "A damaged queue file {File} was set aside as .corrupt")]
    public static partial void QueueFileCorrupt(ILogger logger, string file);

    [LoggerMessage(40, LogLevel.Information, "Agent {DeviceId}: result for {SampleId}: {Class}, {LowShear:F2} mPa·s at low shear, {HighShear:F2} mPa·s at high shear, confidence {Confidence:F2} (model {ModelVersion})")]
    public static partial void ResultReceived(ILogger logger, string deviceId, string sampleId, string @class, double lowShear, double highShear, double confidence, string modelVersion);

    [LoggerMessage(41, LogLevel.Warning, "Agent {DeviceId}: the cloud refused measurement {SampleId}: {Reason}")]
    public static partial void ResultRefused(ILogger logger, string deviceId, string sampleId, string reason);

    [LoggerMessage(42, LogLevel.Warning, "Agent {DeviceId}: ignored a malformed result message ({Length} bytes)")]
    public static partial void ResultMalformed(ILogger logger, string deviceId, int length);

    [LoggerMessage(50, LogLevel.Information, "Agent {DeviceId}: command {CommandId} ({Type}) received")]
    public static partial void CommandReceived(ILogger logger, string deviceId, string commandId, string type);

    [LoggerMessage(51, LogLevel.Warning, "Agent {DeviceId}: malformed command {CommandId} ignored: {Error}")]
    public static partial void CommandMalformed(ILogger logger, string deviceId, string commandId, string error);

    [LoggerMessage(52, LogLevel.Information, "Agent {DeviceId}: command {CommandId} {Status} {Reason}")]
    public static partial void CommandReplied(ILogger logger, string deviceId, string commandId, CommandStatus status, string reason);

    [LoggerMessage(53, LogLevel.Warning, "Agent {DeviceId}: reply to command {CommandId} not sent (offline)")]
    public static partial void ReplyNotSent(ILogger logger, string deviceId, string commandId);

    [LoggerMessage(54, LogLevel.Warning, "Agent {DeviceId}: command {CommandId} refused, too many commands waiting")]
    public static partial void CommandBacklogFull(ILogger logger, string deviceId, string commandId);

    [LoggerMessage(55, LogLevel.Warning, "Agent {DeviceId}: LOCATE - flashing the front-panel light")]
    public static partial void Locate(ILogger logger, string deviceId);

    [LoggerMessage(60, LogLevel.Information, "Agent {DeviceId}: downloading firmware {Version} from {Host}")]
    public static partial void FirmwareDownloading(ILogger logger, string deviceId, string version, string host);

    [LoggerMessage(61, LogLevel.Error, "Agent {DeviceId}: firmware {Version} refused: SHA-256 mismatch, image deleted")]
    public static partial void FirmwareHashMismatch(ILogger logger, string deviceId, string version);

    [LoggerMessage(62, LogLevel.Information, "Agent {DeviceId}: switched to firmware {Version}")]
    public static partial void FirmwareSwitched(ILogger logger, string deviceId, string version);
}
