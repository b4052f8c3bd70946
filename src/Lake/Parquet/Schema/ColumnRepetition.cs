namespace Visco.Lake.Parquet.Schema;

/// <summary>How many values a column holds per row.</summary>
public enum ColumnRepetition
{
    /// <summary>Exactly one non-null value.</summary>
    Required,

    /// <summary>A value or null.</summary>
    Optional,

    /// <summary>
    /// A list in the standard 3-level structure
    /// (<c>optional group name (LIST) { repeated group list { required T element; } }</c>): a row holds null, an empty
    /// list or values.
    /// </summary>
    List,
}
