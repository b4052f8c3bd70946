using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Devices;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Routing;
using Visco.MqttFrontDoor.Sessions;

namespace Visco.MqttFrontDoor.Security;

/// <summary>
/// Provisioning by claim: a CSR published to <c>provisioning/{deviceId}/csr</c> by a claim of the device's hospital
/// (or by the active device itself, for renewal) is signed by the device CA; the PEM certificate and CA chain go back
/// on <c>provisioning/{deviceId}/certificate</c>, a refusal as JSON on <c>provisioning/{deviceId}/error</c>.
/// </summary>
internal sealed class ProvisioningService(
    MqttFrontDoorOptions options, Lazy<IDeviceDirectory?> devices, DeviceCertificateAuthority? authority, MqttRouter router, TimeProvider time, ILogger logger)
{
    public async Task HandleCsrAsync(ClientIdentity identity, ReadOnlyMemory<byte> csr, CancellationToken cancellationToken)
    {
        var deviceId = identity.ClientId;
        var error = await TryIssueAsync(identity, csr, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            MqttLog.ProvisioningRefused(logger, deviceId, error);
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["v"] = 1, ["error"] = error });
            await router.PublishAsync(new BrokerMessage($"provisioning/{deviceId}/error", body, 1, false) { PayloadIsUtf8 = true, ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> TryIssueAsync(ClientIdentity identity, ReadOnlyMemory<byte> csr, CancellationToken cancellationToken)
    {
        var directory = devices.Value;
        if (directory is null || authority is null || !authority.CanSign)
        {
            return "provisioning is not configured";
        }

        var deviceId = identity.ClientId;
        var device = await directory.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || (identity.Kind == ClientIdentityKind.Claim && device.HospitalId != identity.HospitalId))
        {
            // Same answer for "unknown" and "another hospital's": a claim learns nothing of other hospitals' devices.
            return "no such device for this claim";
        }

        var allowed = identity.Kind == ClientIdentityKind.Claim
            ? device.Status is DeviceStatus.Provisioning or DeviceStatus.Active
            : device.Status == DeviceStatus.Active;
        if (!allowed)
        {
            return $"device is {device.Status}";
        }

        if (identity.Kind == ClientIdentityKind.Claim && device.CertificateThumbprints.Count > 0)
        {
            // A claim is the hospital's shared credential for new analysers: letting it mint a second certificate for a
            // provisioned device would let any holder impersonate that device. Renewal goes over the device's own
            // certificate (identity DeviceCertificate, below).
            return "device already has a certificate; renew it over a connection authenticated with that certificate";
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = authority.SignRequest(csr.Span, deviceId, options.IssuedCertificateValidity, time.GetUtcNow());
        }
        catch (DeviceCertificateException exception)
        {
            return exception.Message;
        }

        using (certificate)
        {
            var thumbprint = DeviceCertificateAuthority.Thumbprint(certificate);
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            try
            {
                // Checked again where it is recorded: a re-provisioning, revocation or another claim may have come
                // since the check above, and a certificate signed on that older state must not undo it.
                var issue = new CertificateIssue(thumbprint, notAfter, identity.Kind == ClientIdentityKind.Claim, identity.CertificateThumbprint);
                await directory.RecordIssuedCertificateAsync(deviceId, issue, cancellationToken).ConfigureAwait(false);
            }
            catch (CertificateIssueRefusedException refused)
            {
                return refused.Reason;
            }

            MqttLog.CertificateIssued(logger, deviceId, thumbprint, notAfter);
            var pem = certificate.ExportCertificatePem() + "\n" + authority.CertificatePem + "\n";
            // Retained: a device that lost the answer (crash, dropped connection) finds it when it subscribes again, as
            // it cannot ask anew once it has a certificate. A certificate is public; only the key's holder can use it.
            var message = new BrokerMessage($"provisioning/{deviceId}/certificate", Encoding.ASCII.GetBytes(pem), 1, true)
            {
                PayloadIsUtf8 = true,
                ContentType = "application/x-pem-file",
            };
            await router.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
