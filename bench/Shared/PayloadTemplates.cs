using System.Buffers;
using System.Text;
using System.Text.Json;
using Visco.Model.Simulation;

namespace Visco.Bench.Shared;

/// <summary>
/// Measurement payloads pre-rendered from the simulator, so a load loop spends nothing on simulation or JSON: a payload
/// is prefix + unique sample id + one of the rendered sweeps. Shared by the benches that drive the measurement path
/// (linked into bench/Domain.Bench, bench/Api.Bench and bench/E2E.Bench).
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
            _tails[i] = [.. "\","u8, .. buffer.WrittenSpan[1..]];
        }
    }

    /// <summary>Average payload size in bytes.</summary>
    public double AverageSize => Prefix.Length + 12 + _tails.Average(t => t.Length);

    /// <summary>The payload of a sample with any id, the <paramref name="index"/>-th rendered sweep (cycling).</summary>
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

    /// <summary>The payload of sample <c>s{device}-{sequence}</c>, one of the rendered sweeps.</summary>
    public byte[] Payload(int device, long sequence)
    {
        var tail = _tails[(int)((device + sequence) % _tails.Length)];
        Span<byte> id = stackalloc byte[32];
        id[0] = (byte)'s';
        device.TryFormat(id[1..], out var written);
        var length = 1 + written;
        id[length++] = (byte)'-';
        sequence.TryFormat(id[length..], out written);
        length += written;
        var payload = new byte[Prefix.Length + length + tail.Length];
        Prefix.CopyTo(payload, 0);
        id[..length].CopyTo(payload.AsSpan(Prefix.Length));
        tail.CopyTo(payload, Prefix.Length + length);
        return payload;
    }

    /// <summary>Reads <c>s{device}-{sequence}</c> back from a result's sampleId; false for anything else.</summary>
    public static bool TryParseSampleId(ReadOnlySpan<byte> json, out int device, out long sequence, out bool isError)
    {
        device = 0;
        sequence = 0;
        isError = json.IndexOf("\"type\":\"error\""u8) >= 0;
        var at = json.IndexOf("\"sampleId\":\"s"u8);
        if (at < 0)
        {
            return false;
        }

        var rest = json[(at + 13)..];
        var dash = rest.IndexOf((byte)'-');
        var quote = rest.IndexOf((byte)'"');
        return dash > 0 && quote > dash
            && System.Buffers.Text.Utf8Parser.TryParse(rest[..dash], out device, out _)
            && System.Buffers.Text.Utf8Parser.TryParse(rest[(dash + 1)..quote], out sequence, out _);
    }
}
