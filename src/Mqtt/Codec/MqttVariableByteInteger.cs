using System.Buffers;

namespace Visco.Mqtt.Codec;

/// <summary>The Variable Byte Integer encoding of remaining lengths and some properties (MQTT 5.0 §1.5.5).</summary>
public static class MqttVariableByteInteger
{
    /// <summary>How many bytes <paramref name="value"/> takes (1 to 4).</summary>
    public static int GetSize(uint value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value exceeds <see cref="MqttLimits.MaxVariableByteInteger"/>.</exception>
    public static int Write(uint value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MqttLimits.MaxVariableByteInteger);
        var i = 0;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value > 0)
            {
                b |= 0x80;
            }

            destination[i++] = b;
        }
        while (value > 0);
        return i;
    }

    /// <summary>
    /// Decodes a value from the start of <paramref name="source"/>: Done with the value and its size, or NeedMoreData
    /// when the encoding continues past the end. Over-long (non-minimal) and five-byte encodings throw
    /// <see cref="MqttProtocolViolationException"/> (Malformed Packet).
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out uint value, out int consumed)
    {
        value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i >= source.Length)
            {
                consumed = 0;
                value = 0;
                return OperationStatus.NeedMoreData;
            }

            var b = source[i];
            value |= (uint)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (i > 0 && b == 0)
                {
                    MqttThrow.Malformed("MQTT-1.5.5-1", "a Variable Byte Integer must use the minimum number of bytes");
                }

                consumed = i + 1;
                return OperationStatus.Done;
            }
        }

        MqttThrow.Malformed("§1.5.5", "a Variable Byte Integer has at most four bytes");
        consumed = 0;
        return OperationStatus.InvalidData;
    }
}
