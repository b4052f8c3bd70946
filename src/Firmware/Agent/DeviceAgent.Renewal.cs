using Visco.Firmware.Commands;
using Visco.Firmware.Messages;
using Visco.Firmware.Security;
using Visco.Mqtt.Client;

namespace Visco.Firmware.Agent;

public sealed partial class DeviceAgent
{
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private readonly CertificateRenewer? _renewer;
    private bool _renewalDue;

    /// <summary>
    /// Renews the provisioned certificate when it is due (or when <paramref name="force"/>d by the renew-certificate
    /// command) over the live connection. Success stores the new credentials; the caller then reconnects with them.
    /// A failure is logged and keeps the current certificate; the next connect or state report tries again.
    /// </summary>
    private async Task<CommandOutcome> RenewCertificateAsync(bool force, CancellationToken stopping)
    {
        if (_renewer is null)
        {
            return new CommandOutcome(CommandStatus.Refused,
                $"this analyser was not provisioned by claim (authentication.mode {_options.Authentication.Mode}); a configured certificate is replaced in its files");
        }

        if (!force && !_renewalDue)
        {
            return new CommandOutcome(CommandStatus.Applied, "not due");
        }

        if (_client is not { IsConnected: true } client)
        {
            return new CommandOutcome(CommandStatus.Failed, "offline; the certificate is renewed after the next connect");
        }

        if (!await _renewing.WaitAsync(0, stopping).ConfigureAwait(false))
        {
            return new CommandOutcome(CommandStatus.Failed, "a renewal is already running");
        }

        try
        {
            FirmwareLog.CertificateRenewing(_logger, DeviceId);
            await _renewer.RenewAsync(client, stopping).ConfigureAwait(false);
            _renewalDue = false;
            FirmwareLog.CertificateRenewed(_logger, DeviceId);
            return new CommandOutcome(CommandStatus.Applied, null) { Reconnect = true };
        }
        catch (ProvisioningException exception)
        {
            FirmwareLog.CertificateRenewalFailed(_logger, DeviceId, exception.Message);
            return new CommandOutcome(CommandStatus.Failed, exception.Message);
        }
        catch (Exception exception) when (exception is MqttConnectionClosedException or ObjectDisposedException)
        {
            FirmwareLog.CertificateRenewalFailed(_logger, DeviceId, "the connection closed during the renewal");
            return new CommandOutcome(CommandStatus.Failed, "the connection closed during the renewal");
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>Renews in the background when due, then reconnects with the new certificate; never throws.</summary>
    private async Task RenewIfDueAsync(CancellationToken stopping)
    {
        if (!_renewalDue)
        {
            return;
        }

        try
        {
            var outcome = await RenewCertificateAsync(force: false, stopping).ConfigureAwait(false);
            if (outcome.Reconnect)
            {
                await ReplaceClientAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
