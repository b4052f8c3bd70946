namespace Visco.Lake.Parquet.Format;

/// <summary>Units of TIME and TIMESTAMP logical types (parquet.thrift union <c>TimeUnit</c>; value = field id).</summary>
public enum TimeUnit
{
    /// <summary>Milliseconds.</summary>
    Millis = 1,

    /// <summary>Microseconds.</summary>
    Micros = 2,

    /// <summary>Nanoseconds.</summary>
    Nanos = 3,
}
