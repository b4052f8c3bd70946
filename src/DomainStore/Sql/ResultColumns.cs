using System.Data.Common;
using System.Text.Json;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>The column list every query selects, and reading a row of it back.</summary>
internal static class ResultColumns
{
    public const string Select = Summary + ", shear_rate, shear_stress";

    /// <summary>The same columns with empty sweeps in place of the stored ones (lists that did not ask for them).</summary>
    public const string SelectWithoutSweep = Summary + ", '[]' AS shear_rate, '[]' AS shear_stress";

    private const string Summary =
        "id, hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash, low_shear, " +
        "high_shear, class, confidence, flags, temperature_c, hematocrit, firmware";

    public static (StoredResult Result, long Id, long ReceivedAtMicros) Read(DbDataReader reader)
    {
        var received = reader.GetInt64(5);
        var result = new StoredResult(
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            UnixMicros.To(reader.GetInt64(4)),
            UnixMicros.To(received),
            UnixMicros.To(reader.GetInt64(6)),
            reader.GetString(7),
            reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetDouble(9),
            reader.IsDBNull(10) ? null : reader.GetDouble(10),
            reader.GetString(11),
            reader.GetDouble(12),
            JsonArray<string>(reader.GetString(13)),
            reader.GetDouble(14),
            reader.IsDBNull(15) ? null : reader.GetDouble(15),
            reader.IsDBNull(16) ? null : reader.GetString(16),
            JsonArray<double>(reader.GetString(17)),
            JsonArray<double>(reader.GetString(18)));
        return (result, reader.GetInt64(0), received);
    }

    // Most rows have no flags, and lists select no sweeps: "[]" needs no parser.
    private static T[] JsonArray<T>(string json) => json == "[]" ? [] : JsonSerializer.Deserialize<T[]>(json) ?? [];
}
