namespace Visco.Lake.Parquet.Schema;

/// <summary>How the writer encodes a column's values.</summary>
public enum ColumnEncoding
{
    /// <summary>Dictionary for strings when it pays (few distinct values), PLAIN otherwise.</summary>
    Auto,

    /// <summary>Always PLAIN.</summary>
    Plain,

    /// <summary>Dictionary (strings only), falling back to PLAIN when the dictionary grows past its limit.</summary>
    Dictionary,
}
