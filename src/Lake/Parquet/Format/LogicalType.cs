using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Format;

/// <summary>
/// The logical type annotation of a schema node (parquet.thrift union <c>LogicalType</c>). Only the parameters of the
/// members this library uses are kept; a member from a newer writer reads as <see cref="LogicalTypeKind.Unrecognized"/>.
/// </summary>
public sealed class LogicalType
{
    /// <summary>Which union member is set.</summary>
    public LogicalTypeKind Kind { get; set; }

    /// <summary>The union field id as read (useful in messages about unrecognized members).</summary>
    public short FieldId { get; set; }

    /// <summary>TIME/TIMESTAMP: whether values are instants in UTC.</summary>
    public bool IsAdjustedToUtc { get; set; }

    /// <summary>TIME/TIMESTAMP: the unit.</summary>
    public TimeUnit Unit { get; set; }

    /// <summary>INTEGER: the bit width (8, 16, 32, 64).</summary>
    public int BitWidth { get; set; }

    /// <summary>INTEGER: whether signed.</summary>
    public bool IsSigned { get; set; }

    /// <summary>A STRING annotation.</summary>
    public static LogicalType String() => new() { Kind = LogicalTypeKind.String, FieldId = 1 };

    /// <summary>A LIST annotation.</summary>
    public static LogicalType List() => new() { Kind = LogicalTypeKind.List, FieldId = 3 };

    /// <summary>A TIMESTAMP annotation.</summary>
    public static LogicalType Timestamp(TimeUnit unit, bool isAdjustedToUtc) =>
        new() { Kind = LogicalTypeKind.Timestamp, FieldId = 8, Unit = unit, IsAdjustedToUtc = isAdjustedToUtc };

    internal void Write(ThriftCompactWriter writer)
    {
        writer.WriteStructBegin();
        writer.WriteFieldBegin(ThriftType.Struct, (short)Kind);
        writer.WriteStructBegin();
        switch (Kind)
        {
            case LogicalTypeKind.Timestamp or LogicalTypeKind.Time:
                writer.WriteBoolField(1, IsAdjustedToUtc);
                writer.WriteFieldBegin(ThriftType.Struct, 2);
                writer.WriteStructBegin();
                writer.WriteFieldBegin(ThriftType.Struct, (short)Unit);
                writer.WriteStructBegin();
                writer.WriteStructEnd();
                writer.WriteStructEnd();
                break;
            case LogicalTypeKind.Integer:
                writer.WriteByteField(1, (sbyte)BitWidth);
                writer.WriteBoolField(2, IsSigned);
                break;
        }

        writer.WriteStructEnd();
        writer.WriteStructEnd();
    }

    internal static LogicalType Read(ThriftCompactReader reader)
    {
        var result = new LogicalType();
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            if (field.Type != ThriftType.Struct)
            {
                reader.Skip(field.Type);
                continue;
            }

            result.FieldId = field.Id;
            result.Kind = Enum.IsDefined((LogicalTypeKind)field.Id) ? (LogicalTypeKind)field.Id : LogicalTypeKind.Unrecognized;
            switch (result.Kind)
            {
                case LogicalTypeKind.Timestamp or LogicalTypeKind.Time:
                    ReadTimeParameters(reader, result);
                    break;
                case LogicalTypeKind.Integer:
                    ReadIntegerParameters(reader, result);
                    break;
                default:
                    reader.Skip(ThriftType.Struct);
                    break;
            }
        }

        reader.ReadStructEnd();
        return result;
    }

    private static void ReadTimeParameters(ThriftCompactReader reader, LogicalType result)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsAdjustedToUtc = reader.ReadBool();
                    break;
                case 2 when field.Type == ThriftType.Struct:
                    reader.ReadStructBegin();
                    while (reader.ReadFieldBegin() is { IsStop: false } unit)
                    {
                        result.Unit = (TimeUnit)unit.Id;
                        reader.Skip(unit.Type);
                    }

                    reader.ReadStructEnd();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
    }

    private static void ReadIntegerParameters(ThriftCompactReader reader, LogicalType result)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { IsStop: false } field)
        {
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.Byte:
                    result.BitWidth = reader.ReadI8();
                    break;
                case 2 when field.Type is ThriftType.BooleanTrue or ThriftType.BooleanFalse:
                    result.IsSigned = reader.ReadBool();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
        }

        reader.ReadStructEnd();
    }
}
