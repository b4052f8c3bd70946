using System.Data.Common;
using System.Text.Json;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>The column list every query selects, and reading a row of it back.</summary>
internal static class ResultColumns
{
    public const string Select =
        "id, hospital_id, device_id, sample_id, taken_at, received_at, processed_at, model_version, input_hash, low_shear, " +
        "high_shear, class, confidence, flags, temperature_c, hematocrit, firmware, shear_rate, shear_stress";

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
            JsonSerializer.Deserialize<string[]>(reader.GetString(13)) ?? [],
            reader.GetDouble(14),
            reader.IsDBNull(15) ? null : reader.GetDouble(15),
            reader.IsDBNull(16) ? null : reader.GetString(16),
            JsonSerializer.Deserialize<double[]>(reader.GetString(17)) ?? [],
            JsonSerializer.Deserialize<double[]>(reader.GetString(18)) ?? []);
        return (result, reader.GetInt64(0), received);
    }
}
