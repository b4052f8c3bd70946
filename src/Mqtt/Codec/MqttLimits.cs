namespace Visco.Mqtt.Codec;

/// <summary>Hard limits of the protocol encoding.</summary>
public static class MqttLimits
{
    /// <summary>The largest value a Variable Byte Integer holds (four bytes, MQTT 5.0 §1.5.5).</summary>
    public const uint MaxVariableByteInteger = 268_435_455;

    /// <summary>The largest remaining length of a packet.</summary>
    public const int MaxRemainingLength = 268_435_455;

    /// <summary>The largest whole packet: one type byte, four length bytes and the largest remaining length.</summary>
    public const uint MaxPacketSize = 268_435_460;

    /// <summary>The longest UTF-8 string or binary field: a two byte length prefix.</summary>
    public const int MaxStringLength = ushort.MaxValue;

    /// <summary>The largest subscription identifier (MQTT 5.0 §3.8.2.1.2).</summary>
    public const uint MaxSubscriptionIdentifier = MaxVariableByteInteger;
}
