using System.Data.Common;
using System.Text.Json;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The columns a query selects, and reading a row of them back. The hospital id is not selected: every query is
/// scoped to one hospital, so the caller's value is the row's (one string fewer to read and allocate per row).
/// Lists leave out the sweep columns unless asked (most of a row's bytes).
/// </summary>
internal static class ResultColumns
{
    /// <summary>The summary columns and the sweep.</summary>
    public const string Select = Summary + ", shear_rate, shear_stress";

    /// <summary>The summary columns only; rows read with empty sweeps.</summary>
    public const string SelectWithoutSweep = Summary;

    private const string Summary =
        "id, received_at, device_id, sample_id, taken_at, processed_at, model_version, input_hash, low_shear, " +
        "high_shear, class, confidence, flags, temperature_c, hematocrit, firmware";

    /// <summary>Reads a row selected with <see cref="Select"/> (<paramref name="sweep"/>) or <see cref="SelectWithoutSweep"/>.</summary>
    /// <param name="reader">The reader on the row.</param>
    /// <param name="hospitalId">The hospital the query was scoped to.</param>
    /// <param name="deviceId">The device the query was scoped to, if it was (then the column is not read).</param>
    /// <param name="sweep">Whether the sweep columns were selected.</param>
    public static (StoredResult Result, long Id, long ReceivedAtMicros) Read(DbDataReader reader, string hospitalId, string? deviceId, bool sweep)
    {
        var received = reader.GetInt64(1);
        var result = new StoredResult(
            hospitalId,
            deviceId ?? reader.GetString(2),
            reader.GetString(3),
            UnixMicros.To(reader.GetInt64(4)),
            UnixMicros.To(received),
            UnixMicros.To(reader.GetInt64(5)),
            reader.GetString(6),
            reader.GetString(7),
            NullableDouble(reader, 8),
            NullableDouble(reader, 9),
            reader.GetString(10),
            reader.GetDouble(11),
            JsonArray<string>(reader.GetString(12)),
            reader.GetDouble(13),
            NullableDouble(reader, 14),
            reader.IsDBNull(15) ? null : reader.GetString(15),
            sweep ? JsonArray<double>(reader.GetString(16)) : [],
            sweep ? JsonArray<double>(reader.GetString(17)) : []);
        return (result, reader.GetInt64(0), received);
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    // Most rows have no flags: "[]" needs no parser.
    private static T[] JsonArray<T>(string json) => json == "[]" ? [] : JsonSerializer.Deserialize<T[]>(json) ?? [];
}
