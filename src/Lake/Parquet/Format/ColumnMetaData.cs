using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>Metadata of one column chunk (parquet.thrift <c>ColumnMetaData</c>).</summary>
public sealed class ColumnMetaData
{
    /// <summary>The physical type.</summary>
    public PhysicalType Type { get; set; }

    /// <summary>Every encoding used in the chunk (values and levels).</summary>
    public List<ParquetEncoding> Encodings { get; set; } = [];

    /// <summary>The path of the leaf from the root (exclusive).</summary>
    public List<string> PathInSchema { get; set; } = [];

    /// <summary>The page compression codec.</summary>
    public CompressionCodec Codec { get; set; }

    /// <summary>Number of level entries (values including nulls and empty lists).</summary>
    public long NumValues { get; set; }

    /// <summary>Bytes of all pages with headers, before compression.</summary>
    public long TotalUncompressedSize { get; set; }

    /// <summary>Bytes of all pages with headers, as stored.</summary>
    public long TotalCompressedSize { get; set; }

    /// <summary>Offset of the first data page.</summary>
    public long DataPageOffset { get; set; }

    /// <summary>Offset of the dictionary page, if any.</summary>
    public long? DictionaryPageOffset { get; set; }

    /// <summary>Chunk statistics.</summary>
    public Statistics? Statistics { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteFieldBegin(ThriftType.List, 2);
        writer.WriteListBegin(ThriftType.I32, Encodings.Count);
        foreach (var encoding in Encodings)
        {
            writer.WriteI32((int)encoding);
        }

        writer.WriteFieldBegin(ThriftType.List, 3);
        writer.WriteListBegin(ThriftType.Binary, PathInSchema.Count);
        foreach (var part in PathInSchema)
        {
            writer.WriteString(part);
        }

        writer.WriteI32Field(4, (int)Codec);
        writer.WriteI64Field(5, NumValues);
        writer.WriteI64Field(6, TotalUncompressedSize);
        writer.WriteI64Field(7, TotalCompressedSize);
        writer.WriteI64Field(9, DataPageOffset);
        if (DictionaryPageOffset is { } dictionaryOffset)
        {
            writer.WriteI64Field(11, dictionaryOffset);
        }

        if (Statistics is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 12);
            Statistics.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static ColumnMetaData Read(ThriftCompactReader reader)
    {
        var result = new ColumnMetaData();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.Type = (PhysicalType)reader.ReadI32();
                    break;
                case 2 when field.Type == ThriftType.List:
                    result.Encodings = reader.ReadList(r => (ParquetEncoding)r.ReadI32());
                    break;
                case 3 when field.Type == ThriftType.List:
                    result.PathInSchema = reader.ReadList(r => r.ReadString());
                    break;
                case 4 when field.Type == ThriftType.I32:
                    result.Codec = (CompressionCodec)reader.ReadI32();
                    break;
                case 5 when field.Type == ThriftType.I64:
                    result.NumValues = reader.ReadI64();
                    break;
                case 6 when field.Type == ThriftType.I64:
                    result.TotalUncompressedSize = reader.ReadI64();
                    break;
                case 7 when field.Type == ThriftType.I64:
                    result.TotalCompressedSize = reader.ReadI64();
                    break;
                case 9 when field.Type == ThriftType.I64:
                    result.DataPageOffset = reader.ReadI64();
                    break;
                case 11 when field.Type == ThriftType.I64:
                    result.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12 when field.Type == ThriftType.Struct:
                    result.Statistics = Statistics.Read(reader);
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
