using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Agent;
using Visco.Firmware.Configuration;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Security;

/// <summary>
/// First boot: generates an ECDSA P-256 key, sends a PKCS#10 request (CN = device id) to
/// <c>provisioning/{deviceId}/csr</c> with the claim credential, waits for the PEM certificate on
/// <c>provisioning/{deviceId}/certificate</c> (or an error on <c>provisioning/{deviceId}/error</c>), checks that it
/// certifies our key and name, and stores key and certificate with owner-only permissions.
/// The key is kept (owner-only) from before the request until the certificate is stored, and the cloud retains the
/// certificate it issues: an analyser that crashed or lost its connection before the answer arrived finds it on the
/// next attempt, instead of asking again for a device that, for the cloud, already has a certificate.
/// A certificate for another key (an earlier issuance, still retained) is not an answer and is ignored.
/// </summary>
public sealed class ClaimProvisioner(AgentOptions options, CredentialStore store, TimeProvider time, ILogger logger)
{
    /// <summary>Runs provisioning once.</summary>
    /// <exception cref="ProvisioningException">Refused, timed out, or an unusable certificate.</exception>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        var deviceId = options.DeviceId;
        using var key = store.LoadOrCreatePendingKey();
        var request = new CertificateRequest(new X500DistinguishedName($"CN={deviceId}"), key, HashAlgorithmName.SHA256);
        var csr = Encoding.ASCII.GetBytes(request.CreateSigningRequestPem());
        var answer = new TaskCompletionSource<(bool Issued, string Text)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var version = options.Broker.ProtocolVersion;
        FirmwareLog.ProvisioningStarted(logger, deviceId, options.Authentication.ClaimId!);
        while (true)
        {
            var clientOptions = MqttOptionsFactory.Create(
                options, version, options.Authentication.ClaimId, options.Authentication.ClaimSecret, null, null, false, time);
            var client = new MqttClient(clientOptions);
            await using (client.ConfigureAwait(false))
            {
                client.MessageReceived = (message, _) =>
                {
                    var text = Encoding.UTF8.GetString(message.Payload.Span);
                    if (message.Topic.EndsWith("/certificate", StringComparison.Ordinal))
                    {
                        if (Certifies(text, key, deviceId))
                        {
                            answer.TrySetResult((true, text));
                        }
                    }
                    else if (message.Topic.EndsWith("/error", StringComparison.Ordinal))
                    {
                        answer.TrySetResult((false, ErrorReason(text)));
                    }

                    return ValueTask.CompletedTask;
                };
                try
                {
                    await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (version == Mqtt.Packets.MqttProtocolVersion.V500 && MqttOptionsFactory.MeansVersionUnsupported(exception))
                {
                    version = Mqtt.Packets.MqttProtocolVersion.V311;
                    continue;
                }
                catch (MqttConnectionRefusedException exception)
                {
                    // Unknown, expired or wrong claim: the broker says so in CONNACK (0x86 / return code 4).
                    throw new ProvisioningException(
                        $"the broker refused claim {options.Authentication.ClaimId}: {exception.ReasonCode}"
                        + (exception.ConnAck.ReasonString is { } why ? $" ({why})" : string.Empty)
                        + "; check that the claim exists, has not expired and its secret is right",
                        exception) { IsRefusal = true };
                }

                await SigningRequestExchange.SendAsync(client, deviceId, csr, cancellationToken).ConfigureAwait(false);
                (bool Issued, string Text) result;
                try
                {
                    result = await answer.Task.WaitAsync(TimeSpan.FromSeconds(options.ProvisioningTimeoutSeconds), time, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (TimeoutException exception)
                {
                    throw new ProvisioningException($"no certificate for {deviceId} within {options.ProvisioningTimeoutSeconds} s", exception);
                }

                if (!result.Issued)
                {
                    throw new ProvisioningException($"the cloud refused the certificate request of {deviceId}: {result.Text}") { IsRefusal = true };
                }

                StoreIssued(key, result.Text, deviceId, store);
                FirmwareLog.ProvisioningCompleted(logger, deviceId);
                return;
            }
        }
    }

    /// <summary>Whether the PEM text's first certificate certifies <paramref name="key"/> under <paramref name="deviceId"/>.</summary>
    internal static bool Certifies(string pem, ECDsa key, string deviceId)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            using var certifiedKey = certificate.GetECDsaPublicKey();
            return certifiedKey is not null
                && certifiedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo())
                && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == deviceId;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks that the PEM answer certifies <paramref name="key"/> under <paramref name="deviceId"/> and stores key,
    /// certificate and chain (owner-only). Shared by first-boot provisioning and renewal.
    /// </summary>
    /// <exception cref="ProvisioningException">Not PEM, no certificate, or not ours.</exception>
    internal static void StoreIssued(ECDsa key, string pem, string deviceId, CredentialStore store)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new ProvisioningException("the certificate message is not PEM", exception);
        }

        if (certificates.Count == 0)
        {
            throw new ProvisioningException("the certificate message holds no certificate");
        }

        var device = certificates[0];
        using var certifiedKey = device.GetECDsaPublicKey();
        var name = device.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (certifiedKey is null || !certifiedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo())
            || name != deviceId)
        {
            throw new ProvisioningException($"the issued certificate ({name}) does not certify this device's key and id");
        }

        var chain = new StringBuilder();
        for (var i = 1; i < certificates.Count; i++)
        {
            chain.Append(certificates[i].ExportCertificatePem()).Append('\n');
        }

        store.Save(key, device.ExportCertificatePem() + "\n", chain.Length == 0 ? null : chain.ToString());
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    /// <summary>The reason of a JSON error message on <c>provisioning/{deviceId}/error</c>.</summary>
    internal static string ErrorReason(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var name in (string[])["error", "reason"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
        }

        return "unreadable error message";
    }
}
