using System.Buffers;
using System.Text.Json;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Measurements;

/// <summary>
/// The JSON a device receives on <c>devices/{id}/results</c> (DESIGN.md section 5): a result, or an error for a
/// refused measurement (how an MQTT 3.1.1 client, which has no PUBACK reason codes, learns why).
/// </summary>
internal static class ResultMessages
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>The results topic of a device.</summary>
    public static string Topic(string deviceId) => $"devices/{deviceId}/results";

    /// <summary>The result message.</summary>
    public static OutboundMessage Result(string deviceId, MeasurementResult result)
    {
        var (buffer, json) = Writer();
        json.WriteStartObject();
        json.WriteNumber("v"u8, MeasurementParser.SchemaVersion);
        json.WriteString("type"u8, "result"u8);
        json.WriteString("sampleId"u8, result.SampleId);
        json.WriteString("modelVersion"u8, result.Inference.ModelVersion);
        json.WriteStartObject("viscosity"u8);
        WriteNullable(json, "lowShear"u8, result.Inference.LowShearViscosity);
        WriteNullable(json, "highShear"u8, result.Inference.HighShearViscosity);
        json.WriteNumber("lowShearRate"u8, 5);
        json.WriteNumber("highShearRate"u8, 300);
        json.WriteString("unit"u8, "mPa·s");
        json.WriteNumber("temperatureC"u8, 37);
        json.WriteEndObject();
        json.WriteString("class"u8, result.Inference.Class);
        json.WriteNumber("confidence"u8, Math.Round(result.Inference.Confidence, 4));
        json.WriteStartArray("flags"u8);
        foreach (var flag in result.Inference.Flags)
        {
            json.WriteStringValue(flag);
        }

        json.WriteEndArray();
        json.WriteString("inputHash"u8, result.InputHash);
        json.WriteString("processedAt"u8, result.ProcessedAt);
        json.WriteEndObject();
        json.Flush();
        return new OutboundMessage(Topic(deviceId), buffer.WrittenSpan.ToArray());
    }

    /// <summary>The error message of a refused measurement.</summary>
    public static OutboundMessage Error(string deviceId, string? sampleId, string code, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, MeasurementParser.SchemaVersion);
            json.WriteString("type"u8, "error"u8);
            if (sampleId is null)
            {
                json.WriteNull("sampleId"u8);
            }
            else
            {
                json.WriteString("sampleId"u8, sampleId);
            }

            json.WriteString("code"u8, code);
            json.WriteString("reason"u8, reason);
            json.WriteEndObject();
        }

        return new OutboundMessage(Topic(deviceId), buffer.WrittenMemory);
    }

    /// <summary>
    /// This thread's buffer and JSON writer, reset: a result is written once per measurement, and the message keeps an
    /// exact copy of the bytes (which the broker can then send without copying them again).
    /// </summary>
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) Writer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer, WriterOptions);
        json.Reset(buffer);
        return (buffer, json);
    }

    private static void WriteNullable(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Math.Round(number, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
