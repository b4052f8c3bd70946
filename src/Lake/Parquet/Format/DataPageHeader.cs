using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>Header of a v1 data page (parquet.thrift <c>DataPageHeader</c>).</summary>
public sealed class DataPageHeader
{
    /// <summary>Number of values including nulls (level entries).</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding of the values.</summary>
    public ParquetEncoding Encoding { get; set; }

    /// <summary>Encoding of the definition levels.</summary>
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    /// <summary>Encoding of the repetition levels.</summary>
    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    /// <summary>Page statistics.</summary>
    public Statistics? Statistics { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, (int)DefinitionLevelEncoding);
        writer.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 5);
            Statistics.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static DataPageHeader Read(ThriftCompactReader reader)
    {
        var result = new DataPageHeader();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.NumValues = reader.ReadI32();
                    break;
                case 2 when field.Type == ThriftType.I32:
                    result.Encoding = (ParquetEncoding)reader.ReadI32();
                    break;
                case 3 when field.Type == ThriftType.I32:
                    result.DefinitionLevelEncoding = (ParquetEncoding)reader.ReadI32();
                    break;
                case 4 when field.Type == ThriftType.I32:
                    result.RepetitionLevelEncoding = (ParquetEncoding)reader.ReadI32();
                    break;
                case 5 when field.Type == ThriftType.Struct:
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
