using System.Buffers;
using System.Text.Json;
using Visco.Model;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>Measurement payloads as an analyser sends them (the MQTT JSON of DESIGN.md section 5).</summary>
public static class Payloads
{
    /// <summary>The payload of a sweep.</summary>
    public static byte[] FromSweep(Sweep sweep)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("sampleId", sweep.SampleId);
            json.WriteString("takenAt", sweep.TakenAt);
            json.WriteNumber("temperatureC", sweep.TemperatureC);
            json.WriteStartArray("shearRate");
            foreach (var rate in sweep.ShearRate)
            {
                json.WriteNumberValue(rate);
            }

            json.WriteEndArray();
            json.WriteStartArray("shearStress");
            foreach (var stress in sweep.ShearStress)
            {
                json.WriteNumberValue(stress);
            }

            json.WriteEndArray();
            if (sweep.Hematocrit is { } hematocrit)
            {
                json.WriteNumber("hematocrit", hematocrit);
            }

            json.WriteString("firmware", sweep.Firmware ?? "2.4.1");
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The model version named in a result reply.</summary>
    public static string? ModelVersionOf(ReadOnlyMemory<byte> reply)
    {
        using var document = JsonDocument.Parse(reply);
        return document.RootElement.TryGetProperty("modelVersion", out var version) ? version.GetString() : null;
    }
}
