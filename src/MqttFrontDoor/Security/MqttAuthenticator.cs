using System.Security.Cryptography.X509Certificates;
using System.Text;
using Visco.Grains.Interfaces.Devices;
using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Security;

/// <summary>
/// Decides who a CONNECT is: in device mode a registered, active device (client certificate from the device CA whose
/// CN names it, or device id + secret) whose client id is its device id, or a provisioning claim; in open mode anyone.
/// </summary>
internal sealed class MqttAuthenticator(MqttFrontDoorOptions options, Lazy<IDeviceDirectory?> devices, DeviceCertificateAuthority? authority, TimeProvider time)
{
    public async Task<AuthenticationResult> AuthenticateAsync(MqttConnectPacket connect, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        if (connect.ClientId.AsSpan().IndexOfAny('+', '#') >= 0 || connect.ClientId.Contains('/', StringComparison.Ordinal))
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "client id contains '+', '#' or '/'");
        }

        if (options.Mode == MqttFrontDoorMode.Open)
        {
            return AuthenticationResult.Accept(new ClientIdentity(ClientIdentityKind.Anonymous, connect.ClientId, null));
        }

        var directory = devices.Value;
        if (directory is null)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.ServerUnavailable, "no device directory is configured");
        }

        if (certificate is not null)
        {
            return await ByCertificateAsync(connect, certificate, directory, cancellationToken).ConfigureAwait(false);
        }

        if (connect.UserName is null || connect.Password is null)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, "no client certificate and no credentials");
        }

        var secret = Encoding.UTF8.GetString(connect.Password);
        var device = await directory.FindAsync(connect.UserName, cancellationToken).ConfigureAwait(false);
        if (device is not null)
        {
            if (!options.AllowSecretAuthentication)
            {
                return AuthenticationResult.Refuse(MqttConnectReasonCode.BadAuthenticationMethod, "secret authentication is disabled; use the client certificate");
            }

            if (!await directory.VerifySecretAsync(device.DeviceId, secret, cancellationToken).ConfigureAwait(false))
            {
                return AuthenticationResult.Refuse(MqttConnectReasonCode.BadUserNameOrPassword, "wrong device secret");
            }

            return Admit(connect, device, ClientIdentityKind.DeviceSecret);
        }

        var claim = await directory.VerifyClaimAsync(connect.UserName, secret, cancellationToken).ConfigureAwait(false);
        if (claim is null || claim.ExpiresAt <= time.GetUtcNow())
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.BadUserNameOrPassword, "unknown device or claim, or wrong secret");
        }

        if (authority is null || !authority.CanSign)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, "provisioning by claim needs a device CA with its key");
        }

        if (connect.ClientId.Length == 0)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "a claim connects with the device id to provision as client id");
        }

        return AuthenticationResult.Accept(new ClientIdentity(ClientIdentityKind.Claim, connect.ClientId, claim.HospitalId));
    }

    private async Task<AuthenticationResult> ByCertificateAsync(MqttConnectPacket connect, X509Certificate2 certificate, IDeviceDirectory devices, CancellationToken cancellationToken)
    {
        if (authority is null)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, "client certificates are not configured");
        }

        if (authority.Validate(certificate, time.GetUtcNow()) is { } error)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, $"client certificate refused: {error}");
        }

        var deviceId = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var device = string.IsNullOrEmpty(deviceId) ? null : await devices.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, "the certificate names no registered device");
        }

        var thumbprint = DeviceCertificateAuthority.Thumbprint(certificate);
        if (device.CertificateThumbprints.Count > 0 && !device.CertificateThumbprints.Contains(thumbprint, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, "the certificate is not one issued to this device");
        }

        return Admit(connect, device, ClientIdentityKind.DeviceCertificate, thumbprint);
    }

    private static AuthenticationResult Admit(MqttConnectPacket connect, DeviceRecord device, ClientIdentityKind kind, string? certificateThumbprint = null)
    {
        if (device.Status != DeviceStatus.Active)
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.NotAuthorized, $"device is {device.Status}");
        }

        if (!string.Equals(connect.ClientId, device.DeviceId, StringComparison.Ordinal))
        {
            return AuthenticationResult.Refuse(MqttConnectReasonCode.ClientIdentifierNotValid, "client id is not the authenticated device id");
        }

        return AuthenticationResult.Accept(new ClientIdentity(kind, device.DeviceId, device.HospitalId) { CertificateThumbprint = certificateThumbprint });
    }
}
