namespace Visco.Lake.Parquet.Schema;

/// <summary>The value types a column can hold, with the CLR type of their values.</summary>
public enum ColumnType
{
    /// <summary>BOOLEAN; <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>INT32; <see cref="int"/>.</summary>
    Int32,

    /// <summary>INT64; <see cref="long"/>.</summary>
    Int64,

    /// <summary>FLOAT; <see cref="float"/>.</summary>
    Float,

    /// <summary>DOUBLE; <see cref="double"/>.</summary>
    Double,

    /// <summary>BYTE_ARRAY annotated STRING/UTF8; <see cref="string"/>.</summary>
    String,

    /// <summary>INT64 TIMESTAMP(MILLIS, UTC); <see cref="DateTimeOffset"/>.</summary>
    TimestampMillis,

    /// <summary>INT64 TIMESTAMP(MICROS, UTC); <see cref="DateTimeOffset"/>.</summary>
    TimestampMicros,
}
