namespace Visco.Lake.Thrift;

/// <summary>
/// Type codes of the Thrift compact protocol, numbered exactly as the specification
/// (thrift/doc/specs/thrift-compact-protocol.md). In a struct field header the boolean value is folded into the type
/// (<see cref="BooleanTrue"/> / <see cref="BooleanFalse"/>); in a list header the element type of booleans is 1.
/// </summary>
public enum ThriftType : byte
{
    /// <summary>End of a struct.</summary>
    Stop = 0,

    /// <summary>A boolean field whose value is true (or any boolean list element type).</summary>
    BooleanTrue = 1,

    /// <summary>A boolean field whose value is false.</summary>
    BooleanFalse = 2,

    /// <summary>A single signed byte.</summary>
    Byte = 3,

    /// <summary>A zigzag varint i16.</summary>
    I16 = 4,

    /// <summary>A zigzag varint i32.</summary>
    I32 = 5,

    /// <summary>A zigzag varint i64.</summary>
    I64 = 6,

    /// <summary>An 8-byte little-endian IEEE double.</summary>
    Double = 7,

    /// <summary>A varint length followed by bytes (binary and string).</summary>
    Binary = 8,

    /// <summary>A list.</summary>
    List = 9,

    /// <summary>A set (encoded like a list).</summary>
    Set = 10,

    /// <summary>A map.</summary>
    Map = 11,

    /// <summary>A nested struct.</summary>
    Struct = 12,
}
