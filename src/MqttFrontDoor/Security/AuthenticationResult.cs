using Visco.Mqtt.Packets;

namespace Visco.MqttFrontDoor.Security;

/// <summary>The outcome of authenticating a CONNECT: an identity, or the CONNACK reason code refusing it.</summary>
/// <param name="Identity">Who connected; null when refused.</param>
/// <param name="ReasonCode">Success, or why not (mapped to a 3.1.1 return code by the codec).</param>
/// <param name="Reason">A short reason for logs and the MQTT 5 reason string; never a secret.</param>
public sealed record AuthenticationResult(ClientIdentity? Identity, MqttConnectReasonCode ReasonCode, string Reason)
{
    /// <summary>Accepted.</summary>
    public static AuthenticationResult Accept(ClientIdentity identity) => new(identity, MqttConnectReasonCode.Success, "accepted");

    /// <summary>Refused.</summary>
    public static AuthenticationResult Refuse(MqttConnectReasonCode reasonCode, string reason) => new(null, reasonCode, reason);
}
