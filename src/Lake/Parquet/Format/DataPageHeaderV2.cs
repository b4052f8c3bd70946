using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>
/// Header of a v2 data page (parquet.thrift <c>DataPageHeaderV2</c>): levels are stored uncompressed and without a
/// length prefix ahead of the (optionally compressed) values, and every page starts at a row boundary.
/// </summary>
public sealed class DataPageHeaderV2
{
    /// <summary>Number of values including nulls (level entries).</summary>
    public int NumValues { get; set; }

    /// <summary>Number of nulls.</summary>
    public int NumNulls { get; set; }

    /// <summary>Number of rows.</summary>
    public int NumRows { get; set; }

    /// <summary>Encoding of the values.</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>Byte length of the definition levels.</summary>
    public int DefinitionLevelsByteLength { get; set; }

    /// <summary>Byte length of the repetition levels.</summary>
    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>Whether the values section is compressed (true when absent).</summary>
    public bool IsCompressed { get; set; } = true;

    /// <summary>Page statistics.</summary>
    public Statistics? Statistics { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, NumNulls);
        writer.WriteI32Field(3, NumRows);
        writer.WriteI32Field(4, (int)Encoding);
        writer.WriteI32Field(5, DefinitionLevelsByteLength);
        writer.WriteI32Field(6, RepetitionLevelsByteLength);
        writer.WriteBoolField(7, IsCompressed);
        if (Statistics is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 8);
            Statistics.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static DataPageHeaderV2 Read(ThriftCompactReader reader)
    {
        var result = new DataPageHeaderV2();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.NumValues = reader.ReadI32();
                    break;
                case 2 when field.Type == ThriftType.I32:
                    result.NumNulls = reader.ReadI32();
                    break;
                case 3 when field.Type == ThriftType.I32:
                    result.NumRows = reader.ReadI32();
                    break;
                case 4 when field.Type == ThriftType.I32:
                    result.Encoding = (ParquetEncoding)reader.ReadI32();
                    break;
                case 5 when field.Type == ThriftType.I32:
                    result.DefinitionLevelsByteLength = reader.ReadI32();
                    break;
                case 6 when field.Type == ThriftType.I32:
                    result.RepetitionLevelsByteLength = reader.ReadI32();
                    break;
                case 7 when field.Type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsCompressed = reader.ReadBool();
                    break;
                case 8 when field.Type == ThriftType.Struct:
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
