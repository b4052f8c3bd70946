using System.IO.Compression;
using Visco.Lake.Parquet.Format;

namespace Visco.Lake.Parquet;

/// <summary>How <see cref="ParquetFileWriter"/> encodes pages.</summary>
public sealed record ParquetWriterOptions
{
    /// <summary>The page codec: <see cref="CompressionCodec.Gzip"/> (default) or <see cref="CompressionCodec.Uncompressed"/>.</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Gzip;

    /// <summary>
    /// GZIP effort. <see cref="CompressionLevel.Fastest"/> by default: the lake is written on the ingest path, and the
    /// dictionary and column layout already do most of the shrinking.
    /// </summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>
    /// Store a column chunk uncompressed when its first page shrinks by less than 10 % (e.g. noisy measured doubles).
    /// The codec is a per-chunk property of the format, so every reader handles the mix.
    /// </summary>
    public bool StoreIncompressibleColumnsUncompressed { get; init; } = true;

    /// <summary>Data page version 1 (default, read everywhere) or 2.</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>Rows per data page (pages end at row boundaries, for both page versions).</summary>
    public int DataPageRowCount { get; init; } = 20_000;

    /// <summary>A dictionary with more distinct strings than this falls back to PLAIN.</summary>
    public int MaxDictionaryEntries { get; init; } = 65_536;

    /// <summary>Write a CRC-32 of every page into its header, which readers then verify.</summary>
    public bool WritePageCrc { get; init; } = true;

    /// <summary>The footer's created_by.</summary>
    public string CreatedBy { get; init; } = "ViscoOrleans Visco.Lake";

    /// <summary>Application key/value metadata for the footer.</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    internal void Validate()
    {
        if (Codec is not (CompressionCodec.Gzip or CompressionCodec.Uncompressed))
        {
            throw new ArgumentException($"codec {Codec} is not supported for writing; use Gzip or Uncompressed");
        }

        if (DataPageVersion is not (1 or 2))
        {
            throw new ArgumentException($"DataPageVersion must be 1 or 2, not {DataPageVersion}");
        }

        if (DataPageRowCount < 1 || MaxDictionaryEntries < 1)
        {
            throw new ArgumentException("DataPageRowCount and MaxDictionaryEntries must be positive");
        }
    }
}
