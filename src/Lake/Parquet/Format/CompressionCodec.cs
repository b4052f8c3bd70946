namespace Visco.Lake.Parquet.Format;

/// <summary>Page compression codecs (parquet.thrift <c>CompressionCodec</c>). This library reads and writes
/// <see cref="Uncompressed"/> and <see cref="Gzip"/>.</summary>
public enum CompressionCodec
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,

    /// <summary>Snappy.</summary>
    Snappy = 1,

    /// <summary>GZIP (RFC 1952).</summary>
    Gzip = 2,

    /// <summary>LZO.</summary>
    Lzo = 3,

    /// <summary>Brotli.</summary>
    Brotli = 4,

    /// <summary>Deprecated Hadoop LZ4 framing.</summary>
    Lz4 = 5,

    /// <summary>Zstandard.</summary>
    Zstd = 6,

    /// <summary>LZ4 block format.</summary>
    Lz4Raw = 7,
}
