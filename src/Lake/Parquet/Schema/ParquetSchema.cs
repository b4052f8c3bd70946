using Visco.Lake.Parquet.Format;

namespace Visco.Lake.Parquet.Schema;

/// <summary>
/// The columns of a file, flat or standard 3-level lists. Converts to and from the flattened
/// <see cref="SchemaElement"/> list of the footer.
/// </summary>
public sealed class ParquetSchema
{
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a schema; names must be unique and non-empty.</summary>
    public ParquetSchema(IEnumerable<ColumnDefinition> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns];
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new ArgumentException($"column {i} has no name", nameof(columns));
            }

            if (!_indexByName.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"column '{column.Name}' appears twice", nameof(columns));
            }

            if (column.Encoding == ColumnEncoding.Dictionary && column.Type != ColumnType.String)
            {
                throw new ArgumentException(
                    $"column '{column.Name}': dictionary encoding is written for strings only", nameof(columns));
            }
        }
    }

    /// <summary>Creates a schema from column definitions.</summary>
    public ParquetSchema(params ColumnDefinition[] columns)
        : this((IEnumerable<ColumnDefinition>)columns)
    {
    }

    /// <summary>The columns in file order.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string name) => _indexByName.GetValueOrDefault(name, -1);

    /// <summary>The column called <paramref name="name"/>.</summary>
    public ColumnDefinition this[string name] =>
        IndexOf(name) is var index and >= 0 ? Columns[index] : throw new KeyNotFoundException($"no column '{name}'");

    /// <summary>The footer's flattened schema for these columns (root first).</summary>
    public List<SchemaElement> ToSchemaElements()
    {
        var elements = new List<SchemaElement>
        {
            new() { Name = "schema", NumChildren = Columns.Count },
        };
        foreach (var column in Columns)
        {
            if (column.Repetition == ColumnRepetition.List)
            {
                elements.Add(new SchemaElement
                {
                    Name = column.Name,
                    RepetitionType = column.ListNullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
                    NumChildren = 1,
                    ConvertedType = Format.ConvertedType.List,
                    LogicalType = LogicalType.List(),
                });
                elements.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                elements.Add(Leaf("element", column.Type, column.ElementsNullable));
            }
            else
            {
                elements.Add(Leaf(column.Name, column.Type, column.Repetition == ColumnRepetition.Optional));
            }
        }

        return elements;
    }

    /// <summary>The leaf path of a column as ColumnMetaData.path_in_schema spells it.</summary>
    public static List<string> PathOf(ColumnDefinition column) =>
        column.Repetition == ColumnRepetition.List ? [column.Name, "list", "element"] : [column.Name];

    /// <summary>The physical type a column's values are stored as.</summary>
    public static PhysicalType PhysicalTypeOf(ColumnType type) => type switch
    {
        ColumnType.Boolean => PhysicalType.Boolean,
        ColumnType.Int32 => PhysicalType.Int32,
        ColumnType.Int64 or ColumnType.TimestampMillis or ColumnType.TimestampMicros => PhysicalType.Int64,
        ColumnType.Float => PhysicalType.Float,
        ColumnType.Double => PhysicalType.Double,
        ColumnType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };

    private static SchemaElement Leaf(string name, ColumnType type, bool optional)
    {
        var element = new SchemaElement
        {
            Name = name,
            Type = PhysicalTypeOf(type),
            RepetitionType = optional ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
        };
        switch (type)
        {
            case ColumnType.String:
                element.ConvertedType = Format.ConvertedType.Utf8;
                element.LogicalType = LogicalType.String();
                break;
            case ColumnType.TimestampMillis:
                element.ConvertedType = Format.ConvertedType.TimestampMillis;
                element.LogicalType = LogicalType.Timestamp(TimeUnit.Millis, isAdjustedToUtc: true);
                break;
            case ColumnType.TimestampMicros:
                element.ConvertedType = Format.ConvertedType.TimestampMicros;
                element.LogicalType = LogicalType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: true);
                break;
        }

        return element;
    }
}
