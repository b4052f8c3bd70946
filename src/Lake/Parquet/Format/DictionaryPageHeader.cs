using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>Header of a dictionary page (parquet.thrift <c>DictionaryPageHeader</c>).</summary>
public sealed class DictionaryPageHeader
{
    /// <summary>Number of dictionary entries.</summary>
    public int NumValues { get; set; }

    /// <summary>Encoding of the entries (PLAIN, or PLAIN_DICTIONARY from old writers).</summary>
    public ParquetEncoding Encoding { get; set; } = ParquetEncoding.Plain;

    /// <summary>Whether the entries are sorted.</summary>
    public bool? IsSorted { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        if (IsSorted is { } sorted)
        {
            writer.WriteBoolField(3, sorted);
        }

        writer.WriteStructEnd();
    }

    internal static DictionaryPageHeader Read(ThriftCompactReader reader)
    {
        var result = new DictionaryPageHeader();
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
                case 3 when field.Type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsSorted = reader.ReadBool();
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
