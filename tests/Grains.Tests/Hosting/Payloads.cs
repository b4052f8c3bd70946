using System.Buffers;
using System.Text;
using System.Text.Json;
using Visco.Model;
using Visco.Model.Simulation;

namespace Visco.Grains.Tests.Hosting;

/// <summary>Measurement payloads as an analyser sends them, from the simulator or hand-made for bad-input cases.</summary>
public static class Payloads
{
    private static readonly BloodSimulator Simulator = new(424242, new SimulatorOptions { AirBubbleRate = 0, ClotRate = 0, UnderFilledRate = 0 });
    private static readonly Lock SimulatorLock = new();

    /// <summary>A fresh valid sweep from the simulator, under the given sample id.</summary>
    public static Sweep NextSweep(string sampleId)
    {
        lock (SimulatorLock)
        {
            return Simulator.Next().Sweep with { SampleId = sampleId };
        }
    }

    /// <summary>A valid measurement payload.</summary>
    public static byte[] Valid(string sampleId) => FromSweep(NextSweep(sampleId));

    /// <summary>The payload of a sweep, with "v": 1 unless another version is given.</summary>
    public static byte[] FromSweep(Sweep sweep, int version = 1)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", version);
            json.WriteString("sampleId", sweep.SampleId);
            json.WriteString("takenAt", sweep.TakenAt);
            WriteNumber(json, "temperatureC", sweep.TemperatureC);
            json.WriteStartArray("shearRate");
            foreach (var rate in sweep.ShearRate)
            {
                WriteNumber(json, null, rate);
            }

            json.WriteEndArray();
            json.WriteStartArray("shearStress");
            foreach (var stress in sweep.ShearStress)
            {
                WriteNumber(json, null, stress);
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

    /// <summary>UTF-8 bytes of a string.</summary>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static void WriteNumber(Utf8JsonWriter json, string? name, double value)
    {
        // Analysers that hit a NaN send it as the string "NaN" (JSON has no NaN literal).
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
