using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Grains.Devices;

/// <summary>
/// Re-provisioning: the way back for an analyser whose credentials are gone (wiped, board replaced) or must be
/// distrusted (key suspected stolen). Every certificate and the secret are retired at once, so nothing the previous
/// holder kept authenticates any more, and the device returns to <see cref="DeviceStatus.Provisioning"/> with no
/// certificate: exactly the state in which the front door lets its hospital's claim provision it, once (the
/// certificate that claim gets makes it Active, and a second claim is refused as for any provisioned device).
/// The state is written before the live connection is dropped and the MQTT session ended, so a reconnect after the drop is already refused.
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <inheritdoc />
    public async Task<DeviceReprovisioning> Reprovision(string reason, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        RequireRegistered();
        if (S.Status == DeviceStatus.Revoked)
        {
            throw new DeviceRevokedException(DeviceId);
        }

        if (S.Status == DeviceStatus.Provisioning && S.Certificates.Count == 0 && S.SecretHash is null)
        {
            // Nothing to retire: it already waits for its claim, and what was queued for it since stays. A repeated
            // request only clears the retained certificate message again (best effort the first time).
            await ForgetRetainedCertificateAsync(cancellationToken);
            return new DeviceReprovisioning(DeviceId, S.HospitalId!, S.Status, [], false, false, 0, S.ReprovisionedAt ?? Now);
        }

        var retired = S.Certificates.Select(c => c.Thumbprint).ToArray();
        var secretCleared = S.SecretHash is not null;
        var statusChanged = S.Status != DeviceStatus.Provisioning;
        S.Certificates.Clear();
        S.SecretHash = null;
        S.Status = DeviceStatus.Provisioning;
        S.ReprovisionedAt = Now;
        S.ReprovisionedReason = $"{reason} (by {requestedBy})";
        var cancelled = RestartCommands();
        await WriteAsync(cancellationToken);
        if (statusChanged)
        {
            await Hospital.SetDeviceStatus(DeviceId, S.Status, cancellationToken);
        }

        CredentialLog.Reprovisioned(logger, DeviceId, requestedBy, reason, retired.Length, secretCleared);
        var disconnected = await EndSessionAsync("device re-provisioned", cancellationToken);
        await ForgetRetainedCertificateAsync(cancellationToken);
        return new DeviceReprovisioning(DeviceId, S.HospitalId!, S.Status, retired, secretCleared, disconnected, cancelled, S.ReprovisionedAt.Value);
    }

    /// <summary>
    /// Open commands were meant for the credentials' previous holder: a queued wipe, for one, must not wipe the
    /// replacement board the moment it is provisioned. They are cancelled. The desired configuration outlives the
    /// credentials: what the device reported is forgotten (a wiped or new board has none) and its set-configuration
    /// command stays open, or is queued anew, so the re-provisioned device gets it at its first connect.
    /// </summary>
    private int RestartCommands()
    {
        var cancelled = 0;
        foreach (var command in S.OpenCommands.ToArray())
        {
            if (command.Type == DeviceCommandType.SetConfiguration && command.CommandId == S.DesiredConfiguration?.CommandId)
            {
                ReplaceCommand(command with { Status = DeviceCommandStatus.Queued });
                continue;
            }

            ReplaceCommand(command with { Status = DeviceCommandStatus.Cancelled, Reason = "device re-provisioned" });
            cancelled++;
        }

        S.ReportedConfigurationVersion = null;
        if (S.DesiredConfiguration is { } desired && FindCommand(desired.CommandId) is not { IsOpen: true })
        {
            var command = NewCommand(DeviceCommandType.SetConfiguration, desired.SetBy) with { ConfigurationVersion = desired.Version };
            S.OpenCommands.Add(command);
            S.DesiredConfiguration = desired with { CommandId = command.CommandId };
        }

        return cancelled;
    }

    /// <summary>
    /// Clears the retained <c>provisioning/{id}/certificate</c> message (an empty retained payload, MQTT 5
    /// §3.3.1.3), so the re-provisioned device is not handed the certificate it had before. Best effort: the firmware
    /// ignores a certificate for another key anyway, and the next issuance replaces the message.
    /// </summary>
    private async Task ForgetRetainedCertificateAsync(CancellationToken cancellationToken)
    {
        if (connections is null)
        {
            return;
        }

        var clear = new OutboundMessage(ProvisioningTopics.Certificate(DeviceId), ReadOnlyMemory<byte>.Empty, QualityOfService: 1, Retain: true)
        {
            ContentType = "application/x-pem-file",
        };
        try
        {
            await connections.PublishAsync(DeviceId, clear, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CredentialLog.RetainedCertificateNotCleared(logger, exception, DeviceId);
        }
    }
}
