using Microsoft.Extensions.Logging;

namespace Visco.Grains.Diagnostics;

/// <summary>The domain's log lines (source-generated; never a payload or a secret: payloads are patient data).</summary>
internal static partial class DomainLog
{
    [LoggerMessage(1, LogLevel.Information, "Model registry is empty: training bootstrap model {Version} from the simulator (seed {Seed}, {SweepCount} sweeps)")]
    public static partial void TrainingBootstrapModel(ILogger logger, string version, ulong seed, int sweepCount);

    [LoggerMessage(2, LogLevel.Information, "Bootstrap model {Version} trained in {ElapsedMs} ms, registered and activated")]
    public static partial void BootstrapModelReady(ILogger logger, string version, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Active model {Version} loaded")]
    public static partial void ActiveModelLoaded(ILogger logger, string version);

    [LoggerMessage(4, LogLevel.Information, "Model version {Version} registered by {RegisteredBy}")]
    public static partial void ModelRegistered(ILogger logger, string version, string registeredBy);

    [LoggerMessage(5, LogLevel.Information, "Model version {Version} activated by {ActivatedBy} (was {PreviousVersion})")]
    public static partial void ModelActivated(ILogger logger, string version, string activatedBy, string? previousVersion);

    [LoggerMessage(6, LogLevel.Information, "Inference worker switched from model {OldVersion} to {NewVersion}")]
    public static partial void InferenceModelSwapped(ILogger logger, string? oldVersion, string newVersion);

    [LoggerMessage(7, LogLevel.Warning, "Inference worker could not load model {Version}; it keeps serving {CurrentVersion}")]
    public static partial void InferenceModelLoadFailed(ILogger logger, Exception exception, string version, string? currentVersion);

    [LoggerMessage(10, LogLevel.Debug, "Measurement from device {DeviceId} refused: {Code} ({Reason})")]
    public static partial void MeasurementRefused(ILogger logger, string deviceId, string code, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Measurement from device {DeviceId} failed on our side")]
    public static partial void MeasurementFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(12, LogLevel.Information, "Device {DeviceId} registered for hospital {HospitalId}")]
    public static partial void DeviceRegistered(ILogger logger, string deviceId, string hospitalId);

    [LoggerMessage(13, LogLevel.Warning, "Device {DeviceId} revoked by {RevokedBy}: {Reason}")]
    public static partial void DeviceRevoked(ILogger logger, string deviceId, string revokedBy, string reason);

    [LoggerMessage(14, LogLevel.Information, "Device {DeviceId} secret rotated")]
    public static partial void DeviceSecretRotated(ILogger logger, string deviceId);

    [LoggerMessage(15, LogLevel.Information, "Device {DeviceId} certificate {Thumbprint} recorded, valid until {NotAfter}")]
    public static partial void CertificateRecorded(ILogger logger, string deviceId, string thumbprint, DateTimeOffset notAfter);

    [LoggerMessage(16, LogLevel.Warning, "Device {DeviceId} message of kind {Kind} failed on our side")]
    public static partial void DeviceMessageFailed(ILogger logger, Exception exception, string deviceId, string kind);

    [LoggerMessage(20, LogLevel.Warning, "Alert for hospital {HospitalId}: device {DeviceId} invalid-sample rate {Rate:P0} over its last {Window} measurements (threshold {Threshold:P0})")]
    public static partial void InvalidSampleRateAlert(ILogger logger, string hospitalId, string deviceId, double rate, int window, double threshold);

    [LoggerMessage(21, LogLevel.Warning, "Results projection of hospital {HospitalId} could not store event {Sequence}; it will be redelivered")]
    public static partial void ProjectionFailed(ILogger logger, Exception exception, string hospitalId, long sequence);

    [LoggerMessage(22, LogLevel.Information, "Hospital {HospitalId} created")]
    public static partial void HospitalCreated(ILogger logger, string hospitalId);

    [LoggerMessage(23, LogLevel.Information, "Provisioning claim {ClaimId} created for hospital {HospitalId}, expires {ExpiresAt}")]
    public static partial void ClaimCreated(ILogger logger, string claimId, string hospitalId, DateTimeOffset expiresAt);
}
