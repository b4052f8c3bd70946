using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>A row group's metadata (parquet.thrift <c>RowGroup</c>).</summary>
public sealed class RowGroup
{
    /// <summary>One chunk per leaf column, in schema order.</summary>
    public List<ColumnChunk> Columns { get; set; } = [];

    /// <summary>Uncompressed bytes of all column data.</summary>
    public long TotalByteSize { get; set; }

    /// <summary>Rows in the group.</summary>
    public long NumRows { get; set; }

    /// <summary>Offset of the group's first page.</summary>
    public long? FileOffset { get; set; }

    /// <summary>Stored bytes of all column data.</summary>
    public long? TotalCompressedSize { get; set; }

    /// <summary>The group's ordinal in the file.</summary>
    public short? Ordinal { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteFieldBegin(ThriftType.List, 1);
        writer.WriteListBegin(ThriftType.Struct, Columns.Count);
        foreach (var column in Columns)
        {
            column.Write(writer);
        }

        writer.WriteI64Field(2, TotalByteSize);
        writer.WriteI64Field(3, NumRows);
        if (FileOffset is { } offset)
        {
            writer.WriteI64Field(5, offset);
        }

        if (TotalCompressedSize is { } compressed)
        {
            writer.WriteI64Field(6, compressed);
        }

        if (Ordinal is { } ordinal)
        {
            writer.WriteI16Field(7, ordinal);
        }

        writer.WriteStructEnd();
    }

    internal static RowGroup Read(ThriftCompactReader reader)
    {
        var result = new RowGroup();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.List:
                    result.Columns = reader.ReadList(ColumnChunk.Read);
                    break;
                case 2 when field.Type == ThriftType.I64:
                    result.TotalByteSize = reader.ReadI64();
                    break;
                case 3 when field.Type == ThriftType.I64:
                    result.NumRows = reader.ReadI64();
                    break;
                case 5 when field.Type == ThriftType.I64:
                    result.FileOffset = reader.ReadI64();
                    break;
                case 6 when field.Type == ThriftType.I64:
                    result.TotalCompressedSize = reader.ReadI64();
                    break;
                case 7 when field.Type == ThriftType.I16:
                    result.Ordinal = reader.ReadI16();
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
