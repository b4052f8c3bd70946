using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>The footer of a Parquet file (parquet.thrift <c>FileMetaData</c>).</summary>
public sealed class FileMetaData
{
    /// <summary>The format version the writer followed (1 or 2).</summary>
    public int Version { get; set; } = 1;

    /// <summary>The flattened schema; element 0 is the root.</summary>
    public List<SchemaElement> Schema { get; set; } = [];

    /// <summary>Rows in the file.</summary>
    public long NumRows { get; set; }

    /// <summary>The row groups.</summary>
    public List<RowGroup> RowGroups { get; set; } = [];

    /// <summary>Application metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>The writer's name and version.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>
    /// Per leaf column, the union field id of its <c>ColumnOrder</c> (1 = TYPE_ORDER); readers ignore min_value and
    /// max_value of columns without one.
    /// </summary>
    public List<short>? ColumnOrders { get; set; }

    /// <summary>True when the footer declares an encryption algorithm (not supported for reading).</summary>
    public bool IsEncrypted { get; set; }

    /// <summary>Serializes the footer.</summary>
    public void Write(ThriftCompactWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStructBegin();
        writer.WriteI32Field(1, Version);
        writer.WriteFieldBegin(ThriftType.List, 2);
        writer.WriteListBegin(ThriftType.Struct, Schema.Count);
        foreach (var element in Schema)
        {
            element.Write(writer);
        }

        writer.WriteI64Field(3, NumRows);
        writer.WriteFieldBegin(ThriftType.List, 4);
        writer.WriteListBegin(ThriftType.Struct, RowGroups.Count);
        foreach (var rowGroup in RowGroups)
        {
            rowGroup.Write(writer);
        }

        if (KeyValueMetadata is { Count: > 0 })
        {
            writer.WriteFieldBegin(ThriftType.List, 5);
            writer.WriteListBegin(ThriftType.Struct, KeyValueMetadata.Count);
            foreach (var entry in KeyValueMetadata)
            {
                entry.Write(writer);
            }
        }

        if (CreatedBy is not null)
        {
            writer.WriteStringField(6, CreatedBy);
        }

        if (ColumnOrders is { Count: > 0 })
        {
            writer.WriteFieldBegin(ThriftType.List, 7);
            writer.WriteListBegin(ThriftType.Struct, ColumnOrders.Count);
            foreach (var order in ColumnOrders)
            {
                writer.WriteStructBegin();
                writer.WriteFieldBegin(ThriftType.Struct, order);
                writer.WriteStructBegin();
                writer.WriteStructEnd();
                writer.WriteStructEnd();
            }
        }

        writer.WriteStructEnd();
    }

    /// <summary>Deserializes a footer, skipping fields this library does not know.</summary>
    public static FileMetaData Read(ThriftCompactReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new FileMetaData();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.Version = reader.ReadI32();
                    break;
                case 2 when field.Type == ThriftType.List:
                    result.Schema = reader.ReadList(SchemaElement.Read);
                    break;
                case 3 when field.Type == ThriftType.I64:
                    result.NumRows = reader.ReadI64();
                    break;
                case 4 when field.Type == ThriftType.List:
                    result.RowGroups = reader.ReadList(RowGroup.Read);
                    break;
                case 5 when field.Type == ThriftType.List:
                    result.KeyValueMetadata = reader.ReadList(KeyValue.Read);
                    break;
                case 6 when field.Type == ThriftType.Binary:
                    result.CreatedBy = reader.ReadString();
                    break;
                case 7 when field.Type == ThriftType.List:
                    result.ColumnOrders = reader.ReadList(ReadColumnOrder);
                    break;
                case 8:
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

    private static short ReadColumnOrder(ThriftCompactReader reader)
    {
        short order = 0;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            order = field.Id;
            reader.Skip(field.Type);
        }

        reader.ReadStructEnd();
        return order;
    }
}
