using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>A column chunk of a row group (parquet.thrift <c>ColumnChunk</c>).</summary>
public sealed class ColumnChunk
{
    /// <summary>A file holding the data, when not this one (summary files only; not supported for reading).</summary>
    public string? FilePath { get; set; }

    /// <summary>Deprecated offset; written as 0.</summary>
    public long FileOffset { get; set; }

    /// <summary>The chunk's metadata.</summary>
    public ColumnMetaData? MetaData { get; set; }

    /// <summary>True when the chunk carries encryption metadata (not supported for reading).</summary>
    public bool IsEncrypted { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 3);
            MetaData.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static ColumnChunk Read(ThriftCompactReader reader)
    {
        var result = new ColumnChunk();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.Binary:
                    result.FilePath = reader.ReadString();
                    break;
                case 2 when field.Type == ThriftType.I64:
                    result.FileOffset = reader.ReadI64();
                    break;
                case 3 when field.Type == ThriftType.Struct:
                    result.MetaData = ColumnMetaData.Read(reader);
                    break;
                case 8 or 9:
                    result.IsEncrypted = true;
                    reader.Skip(field.Type);
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
