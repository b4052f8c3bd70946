using Visco.Lake.Parquet.Format;

namespace Visco.Lake.Parquet.Schema;

/// <summary>
/// Turns a footer's flattened schema into a <see cref="ParquetSchema"/>, accepting what other writers produce for the
/// types we use (INT_32/INT_64 annotations, TIMESTAMP not adjusted to UTC, lists with optional elements or a required
/// outer group) and rejecting the rest with <see cref="ParquetUnsupportedException"/>.
/// </summary>
public static class SchemaReader
{
    /// <summary>Reads the schema of <paramref name="metaData"/>; <paramref name="fileName"/> names the file in errors.</summary>
    public static ParquetSchema Read(FileMetaData metaData, string fileName)
    {
        ArgumentNullException.ThrowIfNull(metaData);
        var elements = metaData.Schema;
        if (elements.Count == 0 || elements[0].NumChildren is not { } rootChildren || rootChildren < 0)
        {
            throw new ParquetFormatException(fileName, "footer schema has no root group");
        }

        var columns = new List<ColumnDefinition>(rootChildren);
        var position = 1;
        for (var i = 0; i < rootChildren; i++)
        {
            if (position >= elements.Count)
            {
                throw new ParquetFormatException(fileName, $"footer schema declares {rootChildren} columns but ends after {i}");
            }

            columns.Add(ReadColumn(elements, ref position, fileName));
        }

        if (position != elements.Count)
        {
            throw new ParquetFormatException(fileName, $"footer schema has {elements.Count - position} elements beyond its root's children");
        }

        try
        {
            return new ParquetSchema(columns);
        }
        catch (ArgumentException e)
        {
            throw new ParquetUnsupportedException(fileName, e.Message, e);
        }
    }

    private static ColumnDefinition ReadColumn(List<SchemaElement> elements, ref int position, string fileName)
    {
        var node = elements[position++];
        if (node.NumChildren is null)
        {
            var repetition = node.RepetitionType switch
            {
                FieldRepetitionType.Required => ColumnRepetition.Required,
                FieldRepetitionType.Optional => ColumnRepetition.Optional,
                _ => throw new ParquetUnsupportedException(fileName,
                    $"column '{node.Name}': a bare repeated field (legacy 2-level list) is not supported"),
            };
            return new ColumnDefinition(node.Name, LeafType(node, fileName), repetition);
        }

        var isList = node.ConvertedType == ConvertedType.List || node.LogicalType?.Kind == LogicalTypeKind.List;
        if (!isList || node.NumChildren != 1 || position + 1 >= elements.Count)
        {
            throw new ParquetUnsupportedException(fileName,
                $"column '{node.Name}': nested groups other than a standard LIST are not supported");
        }

        var repeated = elements[position++];
        var element = elements[position++];
        if (repeated.RepetitionType != FieldRepetitionType.Repeated || repeated.NumChildren != 1 ||
            element.NumChildren is not null || element.RepetitionType == FieldRepetitionType.Repeated)
        {
            throw new ParquetUnsupportedException(fileName,
                $"column '{node.Name}': only the standard 3-level list of a primitive element is supported");
        }

        return new ColumnDefinition(node.Name, LeafType(element, fileName, node.Name), ColumnRepetition.List)
        {
            ListNullable = node.RepetitionType != FieldRepetitionType.Required,
            ElementsNullable = element.RepetitionType == FieldRepetitionType.Optional,
        };
    }

    private static ColumnType LeafType(SchemaElement leaf, string fileName, string? listName = null)
    {
        var name = listName ?? leaf.Name;
        var logical = leaf.LogicalType;
        if (logical is { Kind: LogicalTypeKind.Unrecognized })
        {
            throw new ParquetUnsupportedException(fileName,
                $"column '{name}': logical type #{logical.FieldId} is newer than this reader");
        }

        switch (leaf.Type)
        {
            case PhysicalType.Boolean:
                return ColumnType.Boolean;
            case PhysicalType.Float:
                return ColumnType.Float;
            case PhysicalType.Double:
                return ColumnType.Double;
            case PhysicalType.Int32 when logical is null or { Kind: LogicalTypeKind.Integer, IsSigned: true }
                && leaf.ConvertedType is null or ConvertedType.Int8 or ConvertedType.Int16 or ConvertedType.Int32:
                return ColumnType.Int32;
            case PhysicalType.Int64 when IsTimestamp(leaf, out var micros):
                return micros ? ColumnType.TimestampMicros : ColumnType.TimestampMillis;
            case PhysicalType.Int64 when logical is null or { Kind: LogicalTypeKind.Integer, IsSigned: true }
                && leaf.ConvertedType is null or ConvertedType.Int64:
                return ColumnType.Int64;
            case PhysicalType.ByteArray when logical is { Kind: LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json }
                || leaf.ConvertedType is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json:
                return ColumnType.String;
            default:
                throw new ParquetUnsupportedException(fileName,
                    $"column '{name}': type {leaf.Type?.ToString() ?? "none"} with annotation " +
                    $"{logical?.Kind.ToString() ?? leaf.ConvertedType?.ToString() ?? "none"} is not supported");
        }
    }

    private static bool IsTimestamp(SchemaElement leaf, out bool micros)
    {
        if (leaf.LogicalType is { Kind: LogicalTypeKind.Timestamp } timestamp && timestamp.Unit != TimeUnit.Nanos)
        {
            micros = timestamp.Unit == TimeUnit.Micros;
            return true;
        }

        micros = leaf.ConvertedType == ConvertedType.TimestampMicros;
        return leaf.LogicalType is null && leaf.ConvertedType is ConvertedType.TimestampMillis or ConvertedType.TimestampMicros;
    }
}
