using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Security;

/// <summary>
/// Renews a provisioned device's certificate before it expires, over the device's own connection (authenticated by
/// the certificate being replaced): a new ECDSA P-256 key, a CSR on <c>provisioning/{deviceId}/csr</c>, the answer on
/// <c>provisioning/{deviceId}/certificate</c> or <c>/error</c>. The new key and certificate replace the old ones only
/// once the answer checks out, so a failed renewal leaves the working credentials in place.
/// </summary>
public sealed class CertificateRenewer(string deviceId, CredentialStore store, TimeSpan timeout, TimeProvider time)
{
    private static readonly TimeSpan LongestRenewalWindow = TimeSpan.FromDays(30);
    private TaskCompletionSource<(bool Issued, string Text)>? _answer;
    private ECDsa? _key;

    /// <summary>
    /// Whether <paramref name="certificate"/> is due for renewal at <paramref name="now"/>: less than 30 days left, or
    /// less than a third of its lifetime for short-lived certificates.
    /// </summary>
    public static bool IsDue(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var window = TimeSpan.FromTicks(Math.Min(LongestRenewalWindow.Ticks, (notAfter - notBefore).Ticks / 3));
        return notAfter - now < window;
    }

    /// <summary>Takes an answer to a pending renewal; true when <paramref name="message"/> was one (handled here).</summary>
    public bool TryHandle(MqttReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Topic.StartsWith($"provisioning/{deviceId}/", StringComparison.Ordinal))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(message.Payload.Span);
        if (message.Topic.EndsWith("/certificate", StringComparison.Ordinal))
        {
            // The cloud retains the last certificate it issued: the current one arrives on subscribing, and is not ours.
            if (_key is { } key && ClaimProvisioner.Certifies(text, key, deviceId))
            {
                _answer?.TrySetResult((true, text));
            }
        }
        else if (message.Topic.EndsWith("/error", StringComparison.Ordinal))
        {
            _answer?.TrySetResult((false, ClaimProvisioner.ErrorReason(text)));
        }

        return true;
    }

    /// <summary>Runs one renewal over <paramref name="client"/>; on success the new credentials are stored.</summary>
    /// <exception cref="ProvisioningException">Refused, timed out, or an unusable certificate; the old credentials stay.</exception>
    public async Task RenewAsync(MqttClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={deviceId}"), key, HashAlgorithmName.SHA256);
        var answer = new TaskCompletionSource<(bool Issued, string Text)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = answer;
        _key = key;
        try
        {
            await SigningRequestExchange.SendAsync(client, deviceId, Encoding.ASCII.GetBytes(request.CreateSigningRequestPem()), cancellationToken).ConfigureAwait(false);
            (bool Issued, string Text) result;
            try
            {
                result = await answer.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException exception)
            {
                throw new ProvisioningException($"no renewed certificate for {deviceId} within {timeout.TotalSeconds:F0} s", exception);
            }

            if (!result.Issued)
            {
                throw new ProvisioningException($"the cloud refused to renew the certificate of {deviceId}: {result.Text}") { IsRefusal = true };
            }

            ClaimProvisioner.StoreIssued(key, result.Text, deviceId, store);
        }
        finally
        {
            _answer = null;
            _key = null;
        }
    }
}
