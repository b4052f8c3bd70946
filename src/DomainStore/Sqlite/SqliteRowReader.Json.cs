using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Visco.DomainStore.Sql;

namespace Visco.DomainStore.Sqlite;

/// <summary>
/// A page written from SQLite's own values straight into JSON: the document <c>ResultPage</c> serializes to with the
/// web defaults (same names, order, number and time formats, escaping), without a <c>StoredResult</c>, a string or an
/// array per row. Those objects were ~30 % of everything the silo allocated beside the measurement load, and with
/// few survivors each young collection costs what was allocated since the last one.
/// </summary>
internal static partial class SqliteRowReader
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");
    private static readonly JsonEncodedText HospitalId = JsonEncodedText.Encode("hospitalId");
    private static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("deviceId");
    private static readonly JsonEncodedText SampleId = JsonEncodedText.Encode("sampleId");
    private static readonly JsonEncodedText TakenAt = JsonEncodedText.Encode("takenAt");
    private static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("receivedAt");
    private static readonly JsonEncodedText ProcessedAt = JsonEncodedText.Encode("processedAt");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText InputHash = JsonEncodedText.Encode("inputHash");
    private static readonly JsonEncodedText LowShearViscosity = JsonEncodedText.Encode("lowShearViscosity");
    private static readonly JsonEncodedText HighShearViscosity = JsonEncodedText.Encode("highShearViscosity");
    private static readonly JsonEncodedText Class = JsonEncodedText.Encode("class");
    private static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText Flags = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText TemperatureC = JsonEncodedText.Encode("temperatureC");
    private static readonly JsonEncodedText Hematocrit = JsonEncodedText.Encode("hematocrit");
    private static readonly JsonEncodedText Firmware = JsonEncodedText.Encode("firmware");
    private static readonly JsonEncodedText ShearRate = JsonEncodedText.Encode("shearRate");
    private static readonly JsonEncodedText ShearStress = JsonEncodedText.Encode("shearStress");

    /// <summary>
    /// Runs a page query (selecting <see cref="ResultColumns"/>, at most <paramref name="limit"/> + 1 rows) and writes
    /// the page: the first <paramref name="limit"/> rows, and the cursor after the last of them if another row followed.
    /// </summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    public static void WritePage(
        SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId,
        bool sweep, int limit, Utf8JsonWriter json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        using var statement = Prepare(db, sql);
        foreach (var (name, value) in parameters)
        {
            Bind(statement, db, raw.sqlite3_bind_parameter_index(statement, name), value);
        }

        json.WriteStartObject();
        json.WriteStartArray(Items);
        var (written, lastId, lastReceived, more) = (0, 0L, 0L, false);
        var rc = Step(statement, db);
        while (rc == raw.SQLITE_ROW)
        {
            if (written == limit)
            {
                more = true;
                break;
            }

            WriteRow(json, statement, hospitalId, deviceId, sweep);
            (lastId, lastReceived) = (raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_int64(statement, 1));
            written++;
            rc = raw.sqlite3_step(statement);
        }

        if (!more && rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }

        json.WriteEndArray();
        json.WriteString(NextCursor, more ? ResultCursor.Encode(lastReceived, lastId) : null);
        json.WriteEndObject();
        json.Flush();
    }

    // In StoredResult's declaration order, as the serializer writes it.
    private static void WriteRow(Utf8JsonWriter json, sqlite3_stmt s, string hospitalId, string? deviceId, bool sweep)
    {
        json.WriteStartObject();
        json.WriteString(HospitalId, hospitalId);
        if (deviceId is null)
        {
            json.WriteString(DeviceId, Utf8(s, 2));
        }
        else
        {
            json.WriteString(DeviceId, deviceId);
        }

        json.WriteString(SampleId, Utf8(s, 3));
        json.WriteString(TakenAt, UnixMicros.To(raw.sqlite3_column_int64(s, 4)));
        json.WriteString(ReceivedAt, UnixMicros.To(raw.sqlite3_column_int64(s, 1)));
        json.WriteString(ProcessedAt, UnixMicros.To(raw.sqlite3_column_int64(s, 5)));
        json.WriteString(ModelVersion, Utf8(s, 6));
        json.WriteString(InputHash, Utf8(s, 7));
        WriteNullableNumber(json, LowShearViscosity, s, 8);
        WriteNullableNumber(json, HighShearViscosity, s, 9);
        json.WriteString(Class, Utf8(s, 10));
        json.WriteNumber(Confidence, raw.sqlite3_column_double(s, 11));
        WriteFlags(json, Utf8(s, 12));
        json.WriteNumber(TemperatureC, raw.sqlite3_column_double(s, 13));
        WriteNullableNumber(json, Hematocrit, s, 14);
        if (raw.sqlite3_column_type(s, 15) == raw.SQLITE_NULL)
        {
            json.WriteNull(Firmware);
        }
        else
        {
            json.WriteString(Firmware, Utf8(s, 15));
        }

        WriteNumbers(json, ShearRate, sweep ? Utf8(s, 16) : []);
        WriteNumbers(json, ShearStress, sweep ? Utf8(s, 17) : []);
        json.WriteEndObject();
    }

    private static ReadOnlySpan<byte> Utf8(sqlite3_stmt s, int column)
    {
        var text = raw.sqlite3_column_text(s, column);
        var length = raw.sqlite3_column_bytes(s, column);
        return length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(in text.GetPinnableReference(), length);
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, JsonEncodedText name, sqlite3_stmt s, int column)
    {
        if (raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, raw.sqlite3_column_double(s, column));
        }
    }

    // Flags are stored as a JSON array of strings; most rows have none. Each is read back and written again, so the
    // escaping is the writer's, as it is for every other text.
    private static void WriteFlags(Utf8JsonWriter json, ReadOnlySpan<byte> stored)
    {
        json.WriteStartArray(Flags);
        if (!stored.SequenceEqual("[]"u8))
        {
            var reader = new Utf8JsonReader(stored);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    json.WriteStringValue(reader.GetString());
                }
            }
        }

        json.WriteEndArray();
    }

    // The sweeps are stored as JSON arrays of numbers; each is parsed and written again in the writer's format.
    private static void WriteNumbers(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<byte> stored)
    {
        json.WriteStartArray(name);
        if (stored.Length > 2)
        {
            var reader = new Utf8JsonReader(stored);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    json.WriteNumberValue(reader.GetDouble());
                }
            }
        }

        json.WriteEndArray();
    }
}
