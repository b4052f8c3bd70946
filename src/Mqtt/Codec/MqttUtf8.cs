using System.Text;
using System.Text.Unicode;

namespace Visco.Mqtt.Codec;

/// <summary>UTF-8 rules of MQTT strings (MQTT 5.0 §1.5.4).</summary>
internal static class MqttUtf8
{
    public static string Decode(ReadOnlySpan<byte> bytes, string field)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Contains((byte)0))
        {
            MqttThrow.Malformed("MQTT-1.5.4-2", $"{field} contains the null character U+0000");
        }

        // Utf8.IsValid rejects ill-formed sequences, over-long forms and encoded surrogates (U+D800..U+DFFF).
        if (!Utf8.IsValid(bytes))
        {
            MqttThrow.Malformed("MQTT-1.5.4-1", $"{field} is not well-formed UTF-8");
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
