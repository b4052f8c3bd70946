using System.Globalization;
using System.Text.Json;
using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Tests.Interop;

/// <summary>Compares what we wrote with the JSON rows an independent reader printed (conventions of parquet.mjs).</summary>
internal static class JsonExpect
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    public static void Column(ColumnData data, JsonElement rows, int firstRow, bool millisecondTimestamps)
    {
        for (var r = 0; r < data.RowCount; r++)
        {
            // hyparquet leaves a null list out of the row object (undefined) rather than writing null.
            var actual = rows[firstRow + r].TryGetProperty(data.Column.Name, out var value) ? value : Null;
            var where = $"{data.Column.Name} row {firstRow + r}";
            if (data.Offsets is not { } offsets)
            {
                Scalar(data.Values.GetValue(r), actual, millisecondTimestamps, where);
                continue;
            }

            if (data.NullLists?[r] == true)
            {
                Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected a null list, got {actual}");
                continue;
            }

            Assert.True(actual.ValueKind == JsonValueKind.Array, $"{where}: expected a list, got {actual}");
            Assert.Equal(offsets[r + 1] - offsets[r], actual.GetArrayLength());
            for (var k = offsets[r]; k < offsets[r + 1]; k++)
            {
                Scalar(data.Values.GetValue(k), actual[k - offsets[r]], millisecondTimestamps, $"{where}[{k - offsets[r]}]");
            }
        }
    }

    public static ColumnType TypeOf(object value) => value switch
    {
        bool => ColumnType.Boolean,
        int => ColumnType.Int32,
        long => ColumnType.Int64,
        float => ColumnType.Float,
        double => ColumnType.Double,
        string => ColumnType.String,
        _ => ColumnType.TimestampMicros,
    };

    private static void Scalar(object? expected, JsonElement actual, bool millisecondTimestamps, string where)
    {
        if (expected is null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, got {actual}");
            return;
        }

        object? got = expected switch
        {
            bool => actual.GetBoolean(),
            int => actual.GetInt32(),
            long => actual.ValueKind == JsonValueKind.String ? long.Parse(actual.GetString()!, CultureInfo.InvariantCulture) : actual.GetInt64(),
            float => (float)actual.GetDouble(),
            double => actual.GetDouble(),
            string => actual.GetString(),
            DateTimeOffset => long.Parse(actual.GetString()!, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"unexpected value {expected.GetType().Name}"),
        };
        if (expected is DateTimeOffset time)
        {
            var micros = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            expected = millisecondTimestamps ? Math.DivRem(micros, 1000, out var rem) * 1000 - (rem < 0 ? 1000 : 0) : micros;
        }

        Assert.True(Equals(expected, got), $"{where}: expected {expected}, got {got} ({actual})");
    }
}
