using System.Text.Json;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Measurements;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Fleet;

/// <summary>
/// One analyser, keyed by device id: its registration, credentials, status, measurement intake, its durable command
/// queue and its versioned desired configuration.
/// </summary>
[Alias("device")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Registers the device for a hospital; fails with <see cref="DeviceAlreadyRegisteredException"/> if it exists.</summary>
    [Alias("register")]
    Task Register(DeviceRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>What the front door needs to know; null when the device is not registered.</summary>
    [Alias("get-record")]
    Task<DeviceRecord?> GetRecord(CancellationToken cancellationToken = default);

    /// <summary>Status, connectivity and what the device last reported.</summary>
    [Alias("get-status")]
    Task<DeviceStatusReport?> GetStatus(CancellationToken cancellationToken = default);

    /// <summary>Whether the secret is the device's current one (constant-time); false for a revoked device.</summary>
    [Alias("verify-secret")]
    Task<bool> VerifySecret(string secret, CancellationToken cancellationToken = default);

    /// <summary>Replaces the device's secret (the old one stops working at once).</summary>
    [Alias("set-secret")]
    Task SetSecret(string secret, CancellationToken cancellationToken = default);

    /// <summary>Records an issued client certificate and makes a provisioning device active.</summary>
    [Alias("record-certificate")]
    Task RecordCertificate(string thumbprint, DateTimeOffset notAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a certificate the front door signed, if what authorised it still holds: for a claim, that the device
    /// holds no certificate; for a renewal, that it is active and still holds the certificate the renewal came over.
    /// Fails with <see cref="CertificateIssueRefusedException"/> otherwise (checked and recorded in one turn).
    /// </summary>
    [Alias("record-issued-certificate")]
    Task RecordIssuedCertificate(CertificateIssue issue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes the device: every later connect, verification and measurement is refused, its live connection is dropped
    /// and its MQTT session ended (what was queued for it is garbage: a revoked device never comes back). True when a
    /// live connection was dropped.
    /// </summary>
    [Alias("revoke")]
    Task<bool> Revoke(string reason, string revokedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-provisioning (a wiped analyser, a replaced board, a key suspected stolen): retires every certificate and the
    /// secret the device holds, drops its live connection, forgets the retained certificate message, cancels open
    /// commands (the desired configuration is queued again for the re-provisioned device) and puts it back in
    /// <see cref="DeviceStatus.Provisioning"/>, where its hospital's claim may provision it once. Fails with
    /// <see cref="DeviceNotFoundException"/>, or <see cref="DeviceRevokedException"/> (revoked is final).
    /// </summary>
    [Alias("reprovision")]
    Task<DeviceReprovisioning> Reprovision(string reason, string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates, deduplicates, infers and durably publishes one measurement; returns once the event is durable.
    /// Never throws for bad input: the outcome says why it was refused.
    /// </summary>
    [Alias("submit-measurement")]
    Task<SubmissionOutcome> SubmitMeasurement(MeasurementSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Takes a state report (firmware, configuration version, status) from <c>devices/{id}/state</c>.</summary>
    [Alias("report-state")]
    Task<SubmissionOutcome> ReportState(ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the reply to a command (<c>{v, commandId, status: applied|refused|failed, reason}</c>) and records it on
    /// that command. Never throws for bad input: an unknown command id or a malformed reply is refused with a reason.
    /// </summary>
    [Alias("command-reply")]
    Task<SubmissionOutcome> CommandReplied(
        string commandId, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>The device's MQTT connection opened or closed.</summary>
    [Alias("connection-changed")]
    Task ConnectionChanged(bool online, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a command: validated, stored durably as Queued, then published at QoS 1 when the device is connected
    /// (Sent). Fails with <see cref="DeviceNotFoundException"/>, <see cref="DeviceRevokedException"/>,
    /// <see cref="InvalidDeviceCommandException"/> or <see cref="CommandQueueFullException"/>.
    /// </summary>
    [Alias("issue-command")]
    Task<DeviceCommandRecord> IssueCommand(DeviceCommandRequest request, CancellationToken cancellationToken = default);

    /// <summary>A page of the device's commands, newest first (open ones and a bounded history of finished ones).</summary>
    /// <exception cref="Results.InvalidCursorException">The cursor is not one this grain issued.</exception>
    [Alias("get-commands")]
    Task<DeviceCommandPage> GetCommands(string? cursor, int limit, CancellationToken cancellationToken = default);

    /// <summary>One command, or null when the device has no command with that id (or it left the history).</summary>
    [Alias("get-command")]
    Task<DeviceCommandRecord?> GetCommand(string commandId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws a command that is still queued (never sent); null when the device has no such command. Fails with
    /// <see cref="CommandNotCancellableException"/> once it was sent or answered, or for set-configuration (set a new
    /// configuration instead).
    /// </summary>
    [Alias("cancel-command")]
    Task<DeviceCommandRecord?> CancelCommand(string commandId, string cancelledBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the desired configuration: a settings object under the next version, stored, and sent as a set-configuration
    /// command (an older open one is cancelled as superseded). It is re-sent at every reconnect until the device reports
    /// that version. Returns the command carrying it.
    /// </summary>
    [Alias("set-desired-configuration")]
    Task<DeviceCommandRecord> SetDesiredConfiguration(JsonElement settings, string issuedBy, CancellationToken cancellationToken = default);

    /// <summary>The desired configuration against what the device reported; null when the device is not registered.</summary>
    [Alias("get-configuration")]
    Task<DeviceConfigurationStatus?> GetConfiguration(CancellationToken cancellationToken = default);
}
