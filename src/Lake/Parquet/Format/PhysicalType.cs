namespace Visco.Lake.Parquet.Format;

/// <summary>Physical types (parquet.thrift <c>Type</c>), numbered as the specification.</summary>
public enum PhysicalType
{
    /// <summary>1 bit per value.</summary>
    Boolean = 0,

    /// <summary>32-bit signed little-endian.</summary>
    Int32 = 1,

    /// <summary>64-bit signed little-endian.</summary>
    Int64 = 2,

    /// <summary>Deprecated 96-bit timestamps; not supported by this library.</summary>
    Int96 = 3,

    /// <summary>IEEE 32-bit.</summary>
    Float = 4,

    /// <summary>IEEE 64-bit.</summary>
    Double = 5,

    /// <summary>Length-prefixed bytes.</summary>
    ByteArray = 6,

    /// <summary>Fixed-length bytes; not supported by this library.</summary>
    FixedLenByteArray = 7,
}
