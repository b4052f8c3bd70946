using Visco.Mqtt.Packets;

namespace Visco.Mqtt;

/// <summary>
/// Bytes or a packet broke a normative rule of MQTT. Carries the rule (for example <c>MQTT-3.1.2-3</c>, or a section
/// such as <c>§2.2.2.2</c> where the specification states the rule without a number) and the reason code a server
/// answers with: <see cref="ConnectReasonCode"/> in CONNACK while connecting, <see cref="ReasonCode"/> in DISCONNECT after.
/// </summary>
public sealed class MqttProtocolViolationException : Exception
{
    /// <summary>Creates the exception for a violation found after CONNECT (or one that maps to both tables).</summary>
    public MqttProtocolViolationException(string rule, MqttDisconnectReasonCode reasonCode, string reason)
        : base($"[{rule}] {reason}")
    {
        Rule = rule;
        ReasonCode = reasonCode;
        ConnectReasonCode = Enum.IsDefined((MqttConnectReasonCode)reasonCode)
            ? (MqttConnectReasonCode)reasonCode
            : MqttConnectReasonCode.ProtocolError;
    }

    /// <summary>Creates the exception for a violation in CONNECT whose answer only exists in the CONNACK table.</summary>
    public MqttProtocolViolationException(string rule, MqttConnectReasonCode connectReasonCode, string reason)
        : base($"[{rule}] {reason}")
    {
        Rule = rule;
        ConnectReasonCode = connectReasonCode;
        ReasonCode = Enum.IsDefined((MqttDisconnectReasonCode)connectReasonCode)
            ? (MqttDisconnectReasonCode)connectReasonCode
            : MqttDisconnectReasonCode.ProtocolError;
    }

    /// <summary>The normative statement broken, without brackets (for example <c>MQTT-2.2.1-3</c>).</summary>
    public string Rule { get; }

    /// <summary>The DISCONNECT reason code to answer with (MQTT 5; a 3.1.1 peer just closes the connection).</summary>
    public MqttDisconnectReasonCode ReasonCode { get; }

    /// <summary>The CONNACK reason code to answer with when the violation is in CONNECT.</summary>
    public MqttConnectReasonCode ConnectReasonCode { get; }
}
