using System.Net.Sockets;

using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Client;

/// <summary>Connecting with retries, for devices that must come back on their own after an outage.</summary>
public static class MqttClientReconnectExtensions
{
    /// <summary>
    /// Calls <see cref="MqttClient.ConnectAsync"/> until it succeeds, waiting <see cref="MqttReconnectPolicy.GetDelay"/>
    /// (on the client's <see cref="MqttClientOptions.TimeProvider"/>) between attempts. Only transient failures are
    /// retried; a refusal such as bad credentials or not authorized is thrown at once, as retrying cannot fix it.
    /// </summary>
    public static async Task<MqttConnAckPacket> ConnectWithRetryAsync(
        this MqttClient client, MqttReconnectPolicy policy, Random? random = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        random ??= Random.Shared;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransient(exception) && attempt + 1 < policy.MaximumAttempts
                && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(policy.GetDelay(attempt, random), client.Options.TimeProvider, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether a connect failure may go away by itself (network, timeouts, a busy or unavailable server).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        MqttConnectionRefusedException refused => refused.ReasonCode is MqttConnectReasonCode.ServerUnavailable
            or MqttConnectReasonCode.ServerBusy or MqttConnectReasonCode.QuotaExceeded
            or MqttConnectReasonCode.ConnectionRateExceeded or MqttConnectReasonCode.UseAnotherServer,
        SocketException or IOException or TimeoutException or MqttConnectionClosedException => true,
        _ => false,
    };
}
