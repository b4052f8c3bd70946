using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>
/// One node of the flattened, depth-first schema (parquet.thrift <c>SchemaElement</c>): a group when
/// <see cref="NumChildren"/> is set, a leaf column when <see cref="Type"/> is set.
/// </summary>
public sealed class SchemaElement
{
    /// <summary>The physical type of a leaf; null for groups.</summary>
    public PhysicalType? Type { get; set; }

    /// <summary>The byte length of FIXED_LEN_BYTE_ARRAY values.</summary>
    public int? TypeLength { get; set; }

    /// <summary>The repetition; null only for the root.</summary>
    public FieldRepetitionType? RepetitionType { get; set; }

    /// <summary>The field name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The number of children of a group.</summary>
    public int? NumChildren { get; set; }

    /// <summary>The legacy annotation.</summary>
    public ConvertedType? ConvertedType { get; set; }

    /// <summary>Decimal scale.</summary>
    public int? Scale { get; set; }

    /// <summary>Decimal precision.</summary>
    public int? Precision { get; set; }

    /// <summary>The original field id of the producing system.</summary>
    public int? FieldId { get; set; }

    /// <summary>The logical type annotation.</summary>
    public LogicalType? LogicalType { get; set; }

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        if (Type is { } type)
        {
            writer.WriteI32Field(1, (int)type);
        }

        if (TypeLength is { } length)
        {
            writer.WriteI32Field(2, length);
        }

        if (RepetitionType is { } repetition)
        {
            writer.WriteI32Field(3, (int)repetition);
        }

        writer.WriteStringField(4, Name);
        if (NumChildren is { } children)
        {
            writer.WriteI32Field(5, children);
        }

        if (ConvertedType is { } converted)
        {
            writer.WriteI32Field(6, (int)converted);
        }

        if (LogicalType is not null)
        {
            writer.WriteFieldBegin(ThriftType.Struct, 10);
            LogicalType.Write(writer);
        }

        writer.WriteStructEnd();
    }

    internal static SchemaElement Read(ThriftCompactReader reader)
    {
        var result = new SchemaElement();
        var hasName = false;
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.I32:
                    result.Type = (PhysicalType)reader.ReadI32();
                    break;
                case 2 when field.Type == ThriftType.I32:
                    result.TypeLength = reader.ReadI32();
                    break;
                case 3 when field.Type == ThriftType.I32:
                    result.RepetitionType = (FieldRepetitionType)reader.ReadI32();
                    break;
                case 4 when field.Type == ThriftType.Binary:
                    result.Name = reader.ReadString();
                    hasName = true;
                    break;
                case 5 when field.Type == ThriftType.I32:
                    result.NumChildren = reader.ReadI32();
                    break;
                case 6 when field.Type == ThriftType.I32:
                    result.ConvertedType = (ConvertedType)reader.ReadI32();
                    break;
                case 7 when field.Type == ThriftType.I32:
                    result.Scale = reader.ReadI32();
                    break;
                case 8 when field.Type == ThriftType.I32:
                    result.Precision = reader.ReadI32();
                    break;
                case 9 when field.Type == ThriftType.I32:
                    result.FieldId = reader.ReadI32();
                    break;
                case 10 when field.Type == ThriftType.Struct:
                    result.LogicalType = LogicalType.Read(reader);
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
        if (!hasName)
        {
            throw new ThriftProtocolException("SchemaElement without the required name");
        }

        return result;
    }
}
