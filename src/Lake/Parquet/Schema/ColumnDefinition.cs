namespace Visco.Lake.Parquet.Schema;

/// <summary>A top-level column: its name, value type and repetition.</summary>
/// <param name="Name">The column name (the leaf path for lists is <c>Name.list.element</c>).</param>
/// <param name="Type">The value type (of the elements, for lists).</param>
/// <param name="Repetition">Required, optional or list.</param>
public sealed record ColumnDefinition(string Name, ColumnType Type, ColumnRepetition Repetition = ColumnRepetition.Required)
{
    /// <summary>The encoding the writer uses.</summary>
    public ColumnEncoding Encoding { get; init; } = ColumnEncoding.Auto;

    /// <summary>
    /// For lists: whether the list itself may be null (an <c>optional</c> outer group). Our writer always writes
    /// optional lists; files of other writers may declare them required.
    /// </summary>
    public bool ListNullable { get; init; } = true;

    /// <summary>
    /// For lists: whether elements may be null. Our writer writes required elements; other writers (DuckDB, Spark)
    /// often declare them optional, and the reader then returns nullable element arrays.
    /// </summary>
    public bool ElementsNullable { get; init; }

    /// <summary>A required column.</summary>
    public static ColumnDefinition Required(string name, ColumnType type) => new(name, type, ColumnRepetition.Required);

    /// <summary>An optional column.</summary>
    public static ColumnDefinition Optional(string name, ColumnType type) => new(name, type, ColumnRepetition.Optional);

    /// <summary>A list column with required elements.</summary>
    public static ColumnDefinition List(string name, ColumnType elementType) => new(name, elementType, ColumnRepetition.List);

    /// <summary>The highest definition level of the leaf.</summary>
    public int MaxDefinitionLevel => Repetition switch
    {
        ColumnRepetition.Required => 0,
        ColumnRepetition.Optional => 1,
        _ => ListElementLevel + (ElementsNullable ? 1 : 0),
    };

    /// <summary>The highest repetition level of the leaf.</summary>
    public int MaxRepetitionLevel => Repetition == ColumnRepetition.List ? 1 : 0;

    /// <summary>For lists: the definition level from which an element slot exists (below it: null or empty list).</summary>
    public int ListElementLevel => (ListNullable ? 1 : 0) + 1;
}
