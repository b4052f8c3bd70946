using System.Text.Json;
using Visco.Grains.Interfaces.Measurements;
using Visco.Model.Features;

namespace Visco.Grains.Measurements;

/// <summary>
/// Reads a measurement payload (schema "v": 1) with a forward-only reader, so a refusal names the exact field and
/// index, the size limit is checked before any work, and arrays longer than any analyser sends stop the read at
/// once. NaN and infinities are accepted as the strings "NaN"/"Infinity" so that validation can name the point.
/// Unknown properties are ignored (newer firmware may add some).
/// </summary>
internal static class MeasurementParser
{
    /// <summary>The schema version this build reads.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Longest sample id accepted.</summary>
    public const int MaxSampleIdLength = 128;

    private const int MaxFirmwareLength = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses and checks the shape of a payload (not its physics: see <see cref="SweepValidator"/>).</summary>
    public static MeasurementParseResult Parse(ReadOnlySpan<byte> payload, int maxPayloadBytes)
    {
        if (payload.Length > maxPayloadBytes)
        {
            return MeasurementParseResult.Fail(null, MeasurementErrorCodes.PayloadTooLarge,
                $"payload is {payload.Length} bytes; the limit is {maxPayloadBytes}");
        }

        try
        {
            return ParseObject(payload);
        }
        catch (JsonException exception)
        {
            return MeasurementParseResult.Fail(null, MeasurementErrorCodes.InvalidJson,
                $"invalid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}");
        }
    }

    private static MeasurementParseResult ParseObject(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return MeasurementParseResult.Fail(null, MeasurementErrorCodes.InvalidJson, "payload is not a JSON object");
        }

        int? version = null;
        string? sampleId = null;
        string? firmware = null;
        DateTimeOffset? takenAt = null;
        double? temperature = null;
        double? hematocrit = null;
        double[]? rates = null;
        double[]? stresses = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? error = null;
            if (reader.ValueTextEquals("v"u8))
            {
                reader.Read();
                version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : -1;
                if (version == -1)
                {
                    error = "\"v\" must be an integer schema version";
                }
            }
            else if (reader.ValueTextEquals("sampleId"u8))
            {
                reader.Read();
                sampleId = ReadString(ref reader, "sampleId", MaxSampleIdLength, out error);
                if (sampleId is { Length: 0 })
                {
                    error = "sampleId is empty";
                }
            }
            else if (reader.ValueTextEquals("takenAt"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at))
                {
                    takenAt = at.ToUniversalTime();
                }
                else
                {
                    error = "takenAt must be an ISO 8601 date-time string";
                }
            }
            else if (reader.ValueTextEquals("temperatureC"u8))
            {
                reader.Read();
                temperature = ReadNumber(ref reader, "temperatureC", out error);
            }
            else if (reader.ValueTextEquals("hematocrit"u8))
            {
                reader.Read();
                hematocrit = reader.TokenType == JsonTokenType.Null ? null : ReadNumber(ref reader, "hematocrit", out error);
            }
            else if (reader.ValueTextEquals("firmware"u8))
            {
                reader.Read();
                firmware = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, "firmware", MaxFirmwareLength, out error);
            }
            else if (reader.ValueTextEquals("shearRate"u8))
            {
                reader.Read();
                rates = ReadArray(ref reader, "shearRate", out error);
            }
            else if (reader.ValueTextEquals("shearStress"u8))
            {
                reader.Read();
                stresses = ReadArray(ref reader, "shearStress", out error);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }

            if (error is not null)
            {
                return MeasurementParseResult.Fail(sampleId, MeasurementErrorCodes.InvalidField, error);
            }
        }

        // Drain to the end so trailing garbage after the object is an error too.
        while (reader.Read())
        {
        }

        if (version is null)
        {
            return MeasurementParseResult.Fail(sampleId, MeasurementErrorCodes.UnsupportedSchemaVersion, "missing schema version \"v\"");
        }

        if (version != SchemaVersion)
        {
            return MeasurementParseResult.Fail(sampleId, MeasurementErrorCodes.UnsupportedSchemaVersion,
                $"schema version {version} is not supported; this server reads version {SchemaVersion}");
        }

        var missing = sampleId is null ? "sampleId" : takenAt is null ? "takenAt" : temperature is null ? "temperatureC"
            : rates is null ? "shearRate" : stresses is null ? "shearStress" : null;
        if (missing is not null)
        {
            return MeasurementParseResult.Fail(sampleId, MeasurementErrorCodes.MissingField, $"missing required field {missing}");
        }

        return new MeasurementParseResult(
            new SweepData(sampleId!, takenAt!.Value, temperature!.Value, rates!, stresses!, hematocrit, firmware), sampleId, null, null);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, int maxLength, out string? error)
    {
        error = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = $"{field} must be a string";
            return null;
        }

        var value = reader.GetString()!;
        if (value.Length > maxLength)
        {
            error = $"{field} is longer than {maxLength} characters";
            return null;
        }

        return value;
    }

    private static double? ReadNumber(ref Utf8JsonReader reader, string field, out string? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("NaN"u8))
            {
                return double.NaN;
            }

            if (reader.ValueTextEquals("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (reader.ValueTextEquals("-Infinity"u8))
            {
                return double.NegativeInfinity;
            }
        }

        error = $"{field} must be a number";
        return null;
    }

    private static double[]? ReadArray(ref Utf8JsonReader reader, string field, out string? error)
    {
        error = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = $"{field} must be an array of numbers";
            return null;
        }

        Span<double> buffer = stackalloc double[SweepValidator.MaxPoints];
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == SweepValidator.MaxPoints)
            {
                error = $"{field} has more than {SweepValidator.MaxPoints} points";
                return null;
            }

            // The element's name is formatted only for the rare non-number (it was a string per point per sweep).
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number))
            {
                buffer[count++] = number;
                continue;
            }

            var value = ReadNumber(ref reader, $"{field}[{count}]", out error);
            if (value is null)
            {
                return null;
            }

            buffer[count++] = value.Value;
        }

        return buffer[..count].ToArray();
    }
}
