using System.Buffers;
using System.Text.Json;
using Visco.Model;

namespace Visco.Firmware.Messages;

/// <summary>The measurement payload of <c>devices/{id}/measurements</c> (DESIGN.md section 5, schema "v": 1).</summary>
public static class MeasurementMessage
{
    /// <summary>The schema version written.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Serialises a sweep; <paramref name="firmware"/> replaces the sweep's own firmware field.</summary>
    public static byte[] Serialize(Sweep sweep, string firmware)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var buffer = new ArrayBufferWriter<byte>(96 + (sweep.ShearRate.Length * 48));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, SchemaVersion);
            json.WriteString("sampleId"u8, sweep.SampleId);
            json.WriteString("takenAt"u8, sweep.TakenAt.ToUniversalTime());
            json.WriteNumber("temperatureC"u8, sweep.TemperatureC);
            WriteArray(json, "shearRate"u8, sweep.ShearRate);
            WriteArray(json, "shearStress"u8, sweep.ShearStress);
            if (sweep.Hematocrit is { } hematocrit)
            {
                json.WriteNumber("hematocrit"u8, hematocrit);
            }

            json.WriteString("firmware"u8, firmware);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the sample id of a measurement payload (used by tests and the stand-in cloud).</summary>
    public static string? ReadSampleId(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("sampleId"u8))
            {
                return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return null;
    }

    private static void WriteArray(Utf8JsonWriter json, ReadOnlySpan<byte> name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            // Six significant digits are far beyond the sensor's resolution and keep the payload small.
            json.WriteNumberValue(Math.Round(value, 6));
        }

        json.WriteEndArray();
    }
}
