using System.Buffers;
using System.Text;
using System.Text.Json;
using Visco.Model.Simulation;

namespace Visco.Domain.Bench;

/// <summary>
/// Pre-rendered measurement payloads from the simulator, so the load loop spends nothing on simulation: each
/// template is the JSON after the sample id, and a payload is prefix + unique sample id + template.
/// </summary>
internal sealed class PayloadTemplates
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("{\"v\":1,\"sampleId\":\"");
    private readonly byte[][] _tails;

    public PayloadTemplates(int count, ulong seed)
    {
        var simulator = new BloodSimulator(seed);
        _tails = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var sweep = simulator.Next().Sweep;
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("takenAt", sweep.TakenAt);
                json.WriteNumber("temperatureC", sweep.TemperatureC);
                json.WriteStartArray("shearRate");
                Array.ForEach(sweep.ShearRate, json.WriteNumberValue);
                json.WriteEndArray();
                json.WriteStartArray("shearStress");
                Array.ForEach(sweep.ShearStress, json.WriteNumberValue);
                json.WriteEndArray();
                if (sweep.Hematocrit is { } hematocrit)
                {
                    json.WriteNumber("hematocrit", hematocrit);
                }

                json.WriteString("firmware", "2.4.1");
                json.WriteEndObject();
            }

            // "{...}" becomes "\",...}" to follow the sample id.
            var body = buffer.WrittenSpan;
            _tails[i] = [.. "\","u8, .. body[1..]];
        }
    }

    public byte[] Payload(string sampleId, int index)
    {
        var tail = _tails[index % _tails.Length];
        var id = Encoding.UTF8.GetBytes(sampleId);
        var payload = new byte[Prefix.Length + id.Length + tail.Length];
        Prefix.CopyTo(payload, 0);
        id.CopyTo(payload, Prefix.Length);
        tail.CopyTo(payload, Prefix.Length + id.Length);
        return payload;
    }
}
