using System.Buffers;
using Visco.Lake.Parquet.Encodings;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Encodes one column chunk: an optional dictionary page, then data pages (v1: levels and values compressed together
/// with 4-byte length prefixes on the levels; v2: levels uncompressed without prefix, values compressed), each behind a
/// thrift PageHeader. Buffers are reused across chunks, so steady-state writing allocates little beyond the pages.
/// </summary>
internal sealed class ColumnChunkWriter(ParquetWriterOptions options)
{
    /// <summary>After this many values an Auto column with more than half of them distinct stops trying a dictionary.</summary>
    private const int EarlyCheck = 1024;

    /// <summary>A first page compressing to more than this fraction of its size marks the chunk incompressible.</summary>
    private const double IncompressibleRatio = 0.9;

    private readonly ByteBuffer _levels = new(1 << 12);
    private readonly ByteBuffer _raw = new(1 << 16);
    private readonly ByteBuffer _compressed = new(1 << 16);
    private readonly ByteBuffer _header = new(256);
    private CompressionCodec _codec;
    private bool _decideCodec;

    /// <summary>Writes the chunk at <paramref name="position"/> of <paramref name="output"/> and returns its metadata.</summary>
    public ColumnChunk Write(ColumnData data, Stream output, long position)
    {
        var column = data.Column;
        var shredded = ColumnShredder.Shred(data, options.DataPageRowCount);
        var (dictionary, indices) = BuildDictionary(column, shredded.Dense);
        _codec = options.Codec;
        _decideCodec = options.Codec != CompressionCodec.Uncompressed && options.StoreIncompressibleColumnsUncompressed && dictionary is null;
        var meta = new ColumnMetaData
        {
            Type = ParquetSchema.PhysicalTypeOf(column.Type),
            PathInSchema = ParquetSchema.PathOf(column),
            NumValues = shredded.LevelCount,
            Statistics = ColumnStatistics.Compute(shredded.Dense, shredded.LevelCount - shredded.ValueCount, dictionary),
        };
        meta.Encodings.Add(ParquetEncoding.Plain);
        if (column.MaxDefinitionLevel > 0 || dictionary is not null)
        {
            meta.Encodings.Add(ParquetEncoding.Rle);
        }

        var start = position;
        long uncompressedTotal = 0;
        if (dictionary is not null)
        {
            meta.Encodings.Add(ParquetEncoding.RleDictionary);
            meta.DictionaryPageOffset = position;
            _raw.Clear();
            foreach (var entry in dictionary)
            {
                PlainCodec.WriteString(entry, _raw);
            }

            var header = new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPageHeader = new DictionaryPageHeader { NumValues = dictionary.Length, Encoding = ParquetEncoding.Plain },
            };
            (position, uncompressedTotal) = WritePage(output, position, uncompressedTotal, header, [], _raw);
        }

        meta.DataPageOffset = position;
        foreach (var page in shredded.Pages)
        {
            (position, uncompressedTotal) = WriteDataPage(output, position, uncompressedTotal, column, shredded, page, dictionary, indices);
        }

        shredded.ReturnLevels();
        if (indices is not null)
        {
            ArrayPool<int>.Shared.Return(indices);
        }

        meta.Codec = _codec;
        meta.TotalCompressedSize = position - start;
        meta.TotalUncompressedSize = uncompressedTotal;
        return new ColumnChunk { FileOffset = 0, MetaData = meta };
    }

    private (string[]? Dictionary, int[]? Indices) BuildDictionary(ColumnDefinition column, Array dense)
    {
        if (column.Type != ColumnType.String || column.Encoding == ColumnEncoding.Plain || dense is not string[] values ||
            values.Length == 0)
        {
            return (null, null);
        }

        var limit = column.Encoding == ColumnEncoding.Dictionary
            ? options.MaxDictionaryEntries
            : Math.Min(options.MaxDictionaryEntries, Math.Max(16, values.Length / 2));
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<string>();
        var indices = ArrayPool<int>.Shared.Rent(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (i == EarlyCheck && column.Encoding == ColumnEncoding.Auto && entries.Count > EarlyCheck / 2)
            {
                // Mostly distinct so far: give up before hashing the whole column.
                ArrayPool<int>.Shared.Return(indices);
                return (null, null);
            }

            if (!lookup.TryGetValue(values[i], out var index))
            {
                if (entries.Count >= limit)
                {
                    // Mostly-distinct strings (sample ids, hashes) are smaller and faster PLAIN.
                    ArrayPool<int>.Shared.Return(indices);
                    return (null, null);
                }

                index = entries.Count;
                lookup.Add(values[i], index);
                entries.Add(values[i]);
            }

            indices[i] = index;
        }

        return ([.. entries], indices);
    }

    private (long Position, long Uncompressed) WriteDataPage(Stream output, long position, long uncompressedTotal,
        ColumnDefinition column, ShreddedColumn shredded, PageRange page, string[]? dictionary, int[]? indices)
    {
        var v2 = options.DataPageVersion == 2;
        _levels.Clear();
        _raw.Clear();
        var levelTarget = v2 ? _levels : _raw;
        var repetitionLength = WriteLevels(shredded.Repetition, page, column.MaxRepetitionLevel, levelTarget, prefix: !v2);
        var definitionLength = WriteLevels(shredded.Definition, page, column.MaxDefinitionLevel, levelTarget, prefix: !v2);

        var encoding = ParquetEncoding.Plain;
        if (dictionary is not null)
        {
            encoding = ParquetEncoding.RleDictionary;
            var width = Math.Max(1, BitWidth.Of(dictionary.Length - 1));
            _raw.WriteByte((byte)width);
            RleBitPackedHybrid.Encode(indices.AsSpan(page.ValueStart, page.ValueEnd - page.ValueStart), width, _raw);
        }
        else
        {
            WritePlain(shredded.Dense, page.ValueStart, page.ValueEnd - page.ValueStart, _raw);
        }

        var levelCount = page.LevelEnd - page.LevelStart;
        var header = new PageHeader { Type = v2 ? PageType.DataPageV2 : PageType.DataPage };
        if (v2)
        {
            header.DataPageHeaderV2 = new DataPageHeaderV2
            {
                NumValues = levelCount,
                NumNulls = levelCount - (page.ValueEnd - page.ValueStart),
                NumRows = page.RowCount,
                Encoding = encoding,
                DefinitionLevelsByteLength = definitionLength,
                RepetitionLevelsByteLength = repetitionLength,
                IsCompressed = true,
            };
        }
        else
        {
            header.DataPageHeader = new DataPageHeader { NumValues = levelCount, Encoding = encoding };
        }

        return WritePage(output, position, uncompressedTotal, header, _levels.WrittenSpan, _raw);
    }

    private static int WriteLevels(int[]? levels, PageRange page, int maxLevel, ByteBuffer target, bool prefix)
    {
        if (levels is null || maxLevel == 0)
        {
            return 0;
        }

        var lengthAt = target.Length;
        if (prefix)
        {
            target.WriteInt32(0);
        }

        var start = target.Length;
        RleBitPackedHybrid.Encode(levels.AsSpan(page.LevelStart, page.LevelEnd - page.LevelStart), BitWidth.Of(maxLevel), target);
        var length = target.Length - start;
        if (prefix)
        {
            target.PatchInt32(lengthAt, length);
        }

        return length;
    }

    private static void WritePlain(Array dense, int start, int count, ByteBuffer output)
    {
        switch (dense)
        {
            case bool[] v:
                PlainCodec.WriteBooleans(v.AsSpan(start, count), output);
                break;
            case int[] v:
                PlainCodec.WriteFixed<int>(v.AsSpan(start, count), output);
                break;
            case long[] v:
                PlainCodec.WriteFixed<long>(v.AsSpan(start, count), output);
                break;
            case float[] v:
                PlainCodec.WriteFixed<float>(v.AsSpan(start, count), output);
                break;
            case double[] v:
                PlainCodec.WriteFixed<double>(v.AsSpan(start, count), output);
                break;
            case string[] v:
                for (var i = start; i < start + count; i++)
                {
                    PlainCodec.WriteString(v[i], output);
                }

                break;
            default:
                throw new ArgumentException($"unexpected dense array {dense.GetType().Name}");
        }
    }

    /// <summary>
    /// Compresses the body (all of it for v1 and dictionary pages; only the values for v2, whose levels stay plain ahead
    /// of them), stamps sizes and CRC into the header, and writes header and body.
    /// </summary>
    private (long Position, long Uncompressed) WritePage(Stream output, long position, long uncompressedTotal,
        PageHeader header, ReadOnlySpan<byte> plainPrefix, ByteBuffer body)
    {
        _compressed.Clear();
        _compressed.Write(plainPrefix);
        PageCompression.Compress(_codec, options.CompressionLevel, body.WrittenSpan, _compressed);
        if (_decideCodec)
        {
            // The codec is per column chunk: when the first page barely shrinks (noisy doubles), the whole chunk is
            // stored uncompressed, which costs a little space and saves compressing and inflating it every time.
            _decideCodec = false;
            if (_compressed.Length - plainPrefix.Length > body.Length * IncompressibleRatio)
            {
                _codec = CompressionCodec.Uncompressed;
                _compressed.Clear();
                _compressed.Write(plainPrefix);
                _compressed.Write(body.WrittenSpan);
            }
        }

        if (header.DataPageHeaderV2 is { } v2)
        {
            v2.IsCompressed = _codec != CompressionCodec.Uncompressed;
        }
        header.UncompressedPageSize = plainPrefix.Length + body.Length;
        header.CompressedPageSize = _compressed.Length;
        if (options.WritePageCrc)
        {
            header.Crc = unchecked((int)Crc32.Compute(_compressed.WrittenSpan));
        }

        _header.Clear();
        header.Write(new ThriftCompactWriter(_header));
        output.Write(_header.WrittenSpan);
        output.Write(_compressed.WrittenSpan);
        return (position + _header.Length + _compressed.Length, uncompressedTotal + _header.Length + header.UncompressedPageSize);
    }
}
