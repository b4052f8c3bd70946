namespace Visco.Lake.Parquet.Format;

/// <summary>Legacy type annotations (parquet.thrift <c>ConvertedType</c>), numbered as the specification.</summary>
public enum ConvertedType
{
    /// <summary>UTF-8 text in a BYTE_ARRAY.</summary>
    Utf8 = 0,

    /// <summary>A map group.</summary>
    Map = 1,

    /// <summary>A map's key/value group.</summary>
    MapKeyValue = 2,

    /// <summary>A list group.</summary>
    List = 3,

    /// <summary>An enum in a BYTE_ARRAY.</summary>
    Enum = 4,

    /// <summary>A decimal.</summary>
    Decimal = 5,

    /// <summary>Days since the epoch in INT32.</summary>
    Date = 6,

    /// <summary>Milliseconds since midnight.</summary>
    TimeMillis = 7,

    /// <summary>Microseconds since midnight.</summary>
    TimeMicros = 8,

    /// <summary>Milliseconds since the Unix epoch in INT64.</summary>
    TimestampMillis = 9,

    /// <summary>Microseconds since the Unix epoch in INT64.</summary>
    TimestampMicros = 10,

    /// <summary>Unsigned 8-bit.</summary>
    Uint8 = 11,

    /// <summary>Unsigned 16-bit.</summary>
    Uint16 = 12,

    /// <summary>Unsigned 32-bit.</summary>
    Uint32 = 13,

    /// <summary>Unsigned 64-bit.</summary>
    Uint64 = 14,

    /// <summary>Signed 8-bit.</summary>
    Int8 = 15,

    /// <summary>Signed 16-bit.</summary>
    Int16 = 16,

    /// <summary>Signed 32-bit.</summary>
    Int32 = 17,

    /// <summary>Signed 64-bit.</summary>
    Int64 = 18,

    /// <summary>JSON text.</summary>
    Json = 19,

    /// <summary>BSON bytes.</summary>
    Bson = 20,

    /// <summary>A 12-byte interval.</summary>
    Interval = 21,
}
