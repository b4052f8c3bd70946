namespace Visco.Lake.Parquet.Format;

/// <summary>Members of the parquet.thrift union <c>LogicalType</c>; the value is the union's field id.</summary>
public enum LogicalTypeKind
{
    /// <summary>A member this library does not know (from a newer writer).</summary>
    Unrecognized = 0,

    /// <summary>UTF-8 text.</summary>
    String = 1,

    /// <summary>A map.</summary>
    Map = 2,

    /// <summary>A list.</summary>
    List = 3,

    /// <summary>An enum.</summary>
    Enum = 4,

    /// <summary>A decimal.</summary>
    Decimal = 5,

    /// <summary>A date.</summary>
    Date = 6,

    /// <summary>A time of day.</summary>
    Time = 7,

    /// <summary>An instant or local date-time.</summary>
    Timestamp = 8,

    /// <summary>An integer of a given width and signedness.</summary>
    Integer = 10,

    /// <summary>Always null.</summary>
    Unknown = 11,

    /// <summary>JSON text.</summary>
    Json = 12,

    /// <summary>BSON bytes.</summary>
    Bson = 13,

    /// <summary>A UUID.</summary>
    Uuid = 14,

    /// <summary>A half-precision float.</summary>
    Float16 = 15,
}
