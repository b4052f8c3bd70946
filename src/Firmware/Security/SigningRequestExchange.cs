using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Security;

/// <summary>
/// The device's half of a certificate request over MQTT, the same for first provisioning and renewal: listen on
/// <c>provisioning/{id}/certificate</c> and <c>/error</c>, then publish the PKCS#10 request on <c>/csr</c>.
/// </summary>
internal static class SigningRequestExchange
{
    /// <summary>Subscribes to the answer topics, then sends the request; the answer arrives on the client's handler.</summary>
    public static async Task SendAsync(MqttClient client, string deviceId, byte[] signingRequestPem, CancellationToken cancellationToken)
    {
        await client.SubscribeAsync(new MqttSubscribePacket
        {
            Subscriptions =
            [
                new MqttSubscription($"provisioning/{deviceId}/certificate", MqttQualityOfService.AtLeastOnce),
                new MqttSubscription($"provisioning/{deviceId}/error", MqttQualityOfService.AtLeastOnce),
            ],
        }, cancellationToken).ConfigureAwait(false);
        await client.PublishAsync(new MqttApplicationMessage
        {
            Topic = $"provisioning/{deviceId}/csr",
            Payload = signingRequestPem,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "application/pkcs10",
        }, cancellationToken).ConfigureAwait(false);
    }
}
