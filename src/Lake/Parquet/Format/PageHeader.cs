using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>The header ahead of every page (parquet.thrift <c>PageHeader</c>).</summary>
public sealed class PageHeader
{
    /// <summary>The page kind; which of the specific headers is set.</summary>
    public PageType Type { get; set; }

    /// <summary>Page size in bytes before compression, excluding this header.</summary>
    public int UncompressedPageSize { get; set; }

    /// <summary>Page size in bytes as stored, excluding this header.</summary>
    public int CompressedPageSize { get; set; }

    /// <summary>CRC-32 of the stored page bytes, if the writer computed one.</summary>
    public int? Crc { get; set; }

    /// <summary>Set for <see cref="PageType.DataPage"/>.</summary>
    public DataPageHeader? DataPageHeader { get; set; }

    /// <summary>Set for <see cref="PageType.DictionaryPage"/>.</summary>
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    /// <summary>Set for <see cref="PageType.DataPageV2"/>.</summary>
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteI32Field(2, UncompressedPageSize);
        writer.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc)
        {
            writer.WriteI32Field(4, crc);
        }

        if (DataPageHeader is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 5);
            DataPageHeader.Write(writer);
        }

        if (DictionaryPageHeader is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 7);
            DictionaryPageHeader.Write(writer);
        }

        if (DataPageHeaderV2 is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 8);
            DataPageHeaderV2.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static PageHeader Read(ThriftCompactReader reader)
    {
        var result = new PageHeader();
        var seen = 0;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.Type = (PageType)reader.ReadI32();
                    seen |= 1;
                    break;
                case 2 when field.Type == ThriftType.I32:
                    result.UncompressedPageSize = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3 when field.Type == ThriftType.I32:
                    result.CompressedPageSize = reader.ReadI32();
                    seen |= 4;
                    break;
                case 4 when field.Type == ThriftType.I32:
                    result.Crc = reader.ReadI32();
                    break;
                case 5 when field.Type == ThriftType.Struct:
                    result.DataPageHeader = DataPageHeader.Read(reader);
                    break;
                case 7 when field.Type == ThriftType.Struct:
                    result.DictionaryPageHeader = DictionaryPageHeader.Read(reader);
                    break;
                case 8 when field.Type == ThriftType.Struct:
                    result.DataPageHeaderV2 = DataPageHeaderV2.Read(reader);
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
        if (seen != 7)
        {
            throw new ThriftProtocolException("PageHeader without its required type and sizes");
        }

        return result;
    }
}
