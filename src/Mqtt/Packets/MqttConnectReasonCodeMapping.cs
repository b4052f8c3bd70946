namespace Visco.Mqtt.Packets;

/// <summary>
/// Maps between MQTT 5 connect reason codes and MQTT 3.1.1 return codes, so a server can answer both versions from one
/// decision and a client can read both.
/// </summary>
public static class MqttConnectReasonCodeMapping
{
    /// <summary>The 3.1.1 return code a server sends for a 5.0 reason code; codes without a 3.1.1 peer become the closest one.</summary>
    public static MqttConnectReturnCode ToReturnCode(MqttConnectReasonCode reasonCode) => reasonCode switch
    {
        MqttConnectReasonCode.Success => MqttConnectReturnCode.Accepted,
        MqttConnectReasonCode.UnsupportedProtocolVersion => MqttConnectReturnCode.UnacceptableProtocolVersion,
        MqttConnectReasonCode.ClientIdentifierNotValid => MqttConnectReturnCode.IdentifierRejected,
        MqttConnectReasonCode.BadUserNameOrPassword => MqttConnectReturnCode.BadUserNameOrPassword,
        MqttConnectReasonCode.NotAuthorized
            or MqttConnectReasonCode.Banned
            or MqttConnectReasonCode.BadAuthenticationMethod => MqttConnectReturnCode.NotAuthorized,
        _ => MqttConnectReturnCode.ServerUnavailable,
    };

    /// <summary>The 5.0 reason code that means the same as a 3.1.1 return code.</summary>
    public static MqttConnectReasonCode ToReasonCode(MqttConnectReturnCode returnCode) => returnCode switch
    {
        MqttConnectReturnCode.Accepted => MqttConnectReasonCode.Success,
        MqttConnectReturnCode.UnacceptableProtocolVersion => MqttConnectReasonCode.UnsupportedProtocolVersion,
        MqttConnectReturnCode.IdentifierRejected => MqttConnectReasonCode.ClientIdentifierNotValid,
        MqttConnectReturnCode.ServerUnavailable => MqttConnectReasonCode.ServerUnavailable,
        MqttConnectReturnCode.BadUserNameOrPassword => MqttConnectReasonCode.BadUserNameOrPassword,
        MqttConnectReturnCode.NotAuthorized => MqttConnectReasonCode.NotAuthorized,
        _ => throw new ArgumentOutOfRangeException(nameof(returnCode), returnCode, "not an MQTT 3.1.1 return code"),
    };
}
