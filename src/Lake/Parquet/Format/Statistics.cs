using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>
/// Column chunk or page statistics (parquet.thrift <c>Statistics</c>). Bounds are PLAIN-encoded values (byte arrays
/// without their length prefix); <see cref="Min"/>/<see cref="Max"/> are the deprecated signed-order bounds that old
/// readers use, <see cref="MinValue"/>/<see cref="MaxValue"/> the ones ordered by the column's logical type.
/// </summary>
public sealed class Statistics
{
    /// <summary>Deprecated signed-order maximum.</summary>
    public byte[]? Max { get; set; }

    /// <summary>Deprecated signed-order minimum.</summary>
    public byte[]? Min { get; set; }

    /// <summary>Count of nulls (of leaf values, for lists: missing lists and empty lists count too).</summary>
    public long? NullCount { get; set; }

    /// <summary>Count of distinct values, if known.</summary>
    public long? DistinctCount { get; set; }

    /// <summary>Maximum by the column order.</summary>
    public byte[]? MaxValue { get; set; }

    /// <summary>Minimum by the column order.</summary>
    public byte[]? MinValue { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        if (Max is not null)
        {
            writer.WriteBinaryField(1, Max);
        }

        if (Min is not null)
        {
            writer.WriteBinaryField(2, Min);
        }

        if (NullCount is { } nulls)
        {
            writer.WriteI64Field(3, nulls);
        }

        if (DistinctCount is { } distinct)
        {
            writer.WriteI64Field(4, distinct);
        }

        if (MaxValue is not null)
        {
            writer.WriteBinaryField(5, MaxValue);
        }

        if (MinValue is not null)
        {
            writer.WriteBinaryField(6, MinValue);
        }

        writer.WriteStructEnd();
    }

    internal static Statistics Read(ThriftCompactReader reader)
    {
        var result = new Statistics();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.Binary:
                    result.Max = reader.ReadBinary();
                    break;
                case 2 when field.Type == ThriftType.Binary:
                    result.Min = reader.ReadBinary();
                    break;
                case 3 when field.Type == ThriftType.I64:
                    result.NullCount = reader.ReadI64();
                    break;
                case 4 when field.Type == ThriftType.I64:
                    result.DistinctCount = reader.ReadI64();
                    break;
                case 5 when field.Type == ThriftType.Binary:
                    result.MaxValue = reader.ReadBinary();
                    break;
                case 6 when field.Type == ThriftType.Binary:
                    result.MinValue = reader.ReadBinary();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
        return result;
    }
}
