using System.Buffers;
using System.Buffers.Binary;
using Visco.Lake.Parquet.Encodings;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Decodes the pages of one column chunk held in memory into levels and dense physical values. Values are decoded
/// straight into one array sized for the chunk and page bodies are decompressed into pooled buffers, so reading a
/// chunk allocates its result and little else. Corruption surfaces as <see cref="InvalidDataException"/> or
/// <see cref="ThriftProtocolException"/>, features beyond ours as <see cref="NotSupportedException"/>; the file reader
/// adds the file and column name.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly ColumnDefinition _column;
    private readonly ColumnMetaData _meta;
    private readonly int[]? _definition;
    private readonly int[]? _repetition;
    private readonly Array _dense;
    private readonly bool _pooled;
    private Array? _dictionary;
    private int _levels;
    private int _values;

    private ColumnChunkReader(ColumnDefinition column, ColumnMetaData meta, int levelCount, bool pooled)
    {
        _column = column;
        _meta = meta;
        _pooled = pooled;
        var element = meta.Type switch
        {
            PhysicalType.Boolean => typeof(bool),
            PhysicalType.Int32 => typeof(int),
            PhysicalType.Int64 => typeof(long),
            PhysicalType.Float => typeof(float),
            PhysicalType.Double => typeof(double),
            PhysicalType.ByteArray => typeof(string),
            _ => throw new NotSupportedException($"physical type {meta.Type}"),
        };
        _dense = pooled ? ShreddedColumn.RentDense(element, levelCount) : Array.CreateInstance(element, levelCount);
        _definition = column.MaxDefinitionLevel > 0 ? ShreddedColumn.RentLevels(levelCount) : null;
        _repetition = column.MaxRepetitionLevel > 0 ? ShreddedColumn.RentLevels(levelCount) : null;
    }

    /// <summary>
    /// Decodes a chunk whose stored bytes are <paramref name="buffer"/>[<paramref name="offset"/>..+<paramref name="length"/>].
    /// With <paramref name="pooled"/> the dense values are rented too (longer than the value count; the caller returns
    /// them with <see cref="ShreddedColumn.Return"/>), otherwise they are an array of exactly the values.
    /// </summary>
    public static ShreddedColumn Read(ColumnDefinition column, ColumnMetaData meta, byte[] buffer, int offset, int length, bool pooled = false)
    {
        if (!PageCompression.IsSupported(meta.Codec))
        {
            throw new NotSupportedException($"codec {meta.Codec} (only GZIP and UNCOMPRESSED are supported)");
        }

        if (meta.NumValues is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"column chunk claims {meta.NumValues} values");
        }

        var reader = new ColumnChunkReader(column, meta, (int)meta.NumValues, pooled);
        try
        {
            reader.ReadPages(buffer, offset, offset + length);
        }
        catch
        {
            var failed = new ShreddedColumn(reader._definition, reader._repetition, 0, reader._dense, []);
            if (pooled)
            {
                failed.Return();
            }
            else
            {
                failed.ReturnLevels();
            }

            throw;
        }

        var dense = reader._dense;
        if (reader._pooled)
        {
            return new ShreddedColumn(reader._definition, reader._repetition, reader._levels, dense, [], reader._values);
        }

        if (reader._values != dense.Length)
        {
            var trimmed = Array.CreateInstance(dense.GetType().GetElementType()!, reader._values);
            Array.Copy(dense, trimmed, reader._values);
            dense = trimmed;
        }

        return new ShreddedColumn(reader._definition, reader._repetition, reader._levels, dense, []);
    }

    private void ReadPages(byte[] buffer, int position, int end)
    {
        while (_levels < _meta.NumValues)
        {
            if (position >= end)
            {
                throw new InvalidDataException($"column chunk ends after {_levels} of {_meta.NumValues} values");
            }

            var thrift = new ThriftCompactReader(buffer, position, end - position);
            var header = PageHeader.Read(thrift);
            position = thrift.Position;
            if (header.CompressedPageSize < 0 || header.CompressedPageSize > end - position || header.UncompressedPageSize < 0)
            {
                throw new InvalidDataException(
                    $"page size {header.CompressedPageSize} exceeds the {end - position} bytes left in the column chunk");
            }

            if (header.Crc is { } crc && unchecked((int)Crc32.Compute(buffer.AsSpan(position, header.CompressedPageSize))) != crc)
            {
                throw new InvalidDataException($"page CRC mismatch at chunk offset {position}");
            }

            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, buffer, position);
                    break;
                case PageType.DataPage:
                    ReadDataPageV1(header, buffer, position);
                    break;
                case PageType.DataPageV2:
                    ReadDataPageV2(header, buffer, position);
                    break;
            }

            position += header.CompressedPageSize;
        }
    }

    private void ReadDictionaryPage(PageHeader header, byte[] buffer, int position)
    {
        var dictionaryHeader = header.DictionaryPageHeader ?? throw new InvalidDataException("dictionary page without its header");
        if (dictionaryHeader.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new NotSupportedException($"dictionary page encoding {dictionaryHeader.Encoding}");
        }

        var count = dictionaryHeader.NumValues;
        if (count < 0 || count > header.UncompressedPageSize * 8L + 1)
        {
            throw new InvalidDataException($"dictionary of {count} entries in {header.UncompressedPageSize} bytes");
        }

        var body = Decompress(buffer, position, header.CompressedPageSize, header.UncompressedPageSize);
        try
        {
            var dictionary = Array.CreateInstance(_dense.GetType().GetElementType()!, count);
            DecodePlain(body.AsSpan(0, header.UncompressedPageSize), dictionary, 0, count);
            _dictionary = dictionary;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private void ReadDataPageV1(PageHeader header, byte[] buffer, int position)
    {
        var page = header.DataPageHeader ?? throw new InvalidDataException("data page without its header");
        var count = CheckCount(page.NumValues);
        var rented = Decompress(buffer, position, header.CompressedPageSize, header.UncompressedPageSize);
        try
        {
            var body = rented.AsSpan(0, header.UncompressedPageSize);
            var cursor = 0;
            if (_repetition is not null)
            {
                RequireRle(page.RepetitionLevelEncoding);
                cursor += ReadPrefixedLevels(body[cursor..], _repetition.AsSpan(_levels, count), _column.MaxRepetitionLevel);
            }

            if (_definition is not null)
            {
                RequireRle(page.DefinitionLevelEncoding);
                cursor += ReadPrefixedLevels(body[cursor..], _definition.AsSpan(_levels, count), _column.MaxDefinitionLevel);
            }

            ReadValues(body[cursor..], page.Encoding, count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void ReadDataPageV2(PageHeader header, byte[] buffer, int position)
    {
        var page = header.DataPageHeaderV2 ?? throw new InvalidDataException("data page v2 without its header");
        var count = CheckCount(page.NumValues);
        var levelBytes = (long)page.RepetitionLevelsByteLength + page.DefinitionLevelsByteLength;
        if (page.RepetitionLevelsByteLength < 0 || page.DefinitionLevelsByteLength < 0 ||
            levelBytes > header.CompressedPageSize || levelBytes > header.UncompressedPageSize)
        {
            throw new InvalidDataException("data page v2 level lengths exceed the page");
        }

        var cursor = position;
        if (_repetition is not null)
        {
            ReadLevels(buffer.AsSpan(cursor, page.RepetitionLevelsByteLength), _repetition.AsSpan(_levels, count), _column.MaxRepetitionLevel);
        }

        cursor += page.RepetitionLevelsByteLength;
        if (_definition is not null)
        {
            ReadLevels(buffer.AsSpan(cursor, page.DefinitionLevelsByteLength), _definition.AsSpan(_levels, count), _column.MaxDefinitionLevel);
        }

        cursor += page.DefinitionLevelsByteLength;
        var storedValues = header.CompressedPageSize - (int)levelBytes;
        var rawValues = header.UncompressedPageSize - (int)levelBytes;
        if (!page.IsCompressed || _meta.Codec == CompressionCodec.Uncompressed)
        {
            ReadValues(buffer.AsSpan(cursor, storedValues), page.Encoding, count);
            return;
        }

        var rented = Decompress(buffer, cursor, storedValues, rawValues);
        try
        {
            ReadValues(rented.AsSpan(0, rawValues), page.Encoding, count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int CheckCount(int count)
    {
        if (count < 0 || count > _meta.NumValues - _levels)
        {
            throw new InvalidDataException($"page of {count} values overruns the chunk's {_meta.NumValues}");
        }

        return count;
    }

    private void ReadValues(ReadOnlySpan<byte> data, ParquetEncoding encoding, int count)
    {
        var present = count;
        if (_definition is not null)
        {
            present = 0;
            foreach (var level in _definition.AsSpan(_levels, count))
            {
                present += level == _column.MaxDefinitionLevel ? 1 : 0;
            }
        }

        _levels += count;
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(data, _dense, _values, present);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                DecodeDictionaryIndices(data, present);
                break;
            case ParquetEncoding.Rle when _dense is bool[] booleans:
                var bits = ArrayPool<int>.Shared.Rent(Math.Max(present, 1));
                try
                {
                    ReadPrefixedLevels(data, bits.AsSpan(0, present), 1);
                    for (var i = 0; i < present; i++)
                    {
                        booleans[_values + i] = bits[i] != 0;
                    }
                }
                finally
                {
                    ArrayPool<int>.Shared.Return(bits);
                }

                break;
            case ParquetEncoding.DeltaBinaryPacked when _dense is long[] longs:
                DeltaBinaryPacked.Decode(data, longs.AsSpan(_values, present));
                break;
            case ParquetEncoding.DeltaBinaryPacked when _dense is int[] ints:
                var wide = new long[present];
                DeltaBinaryPacked.Decode(data, wide);
                for (var i = 0; i < present; i++)
                {
                    ints[_values + i] = unchecked((int)wide[i]);
                }

                break;
            case ParquetEncoding.DeltaLengthByteArray when _dense is string[] strings:
                ByteArrayDeltas.DecodeLengths(data, strings.AsSpan(_values, present));
                break;
            case ParquetEncoding.DeltaByteArray when _dense is string[] strings:
                ByteArrayDeltas.DecodeIncremental(data, strings.AsSpan(_values, present));
                break;
            case ParquetEncoding.ByteStreamSplit:
                DecodeByteStreamSplit(data, present);
                break;
            default:
                throw new NotSupportedException($"value encoding {encoding} for {_meta.Type}");
        }

        _values += present;
    }

    private void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int count)
    {
        switch (_dense)
        {
            case double[] d:
                ByteStreamSplit.Decode(data, d.AsSpan(_values, count));
                break;
            case float[] f:
                ByteStreamSplit.Decode(data, f.AsSpan(_values, count));
                break;
            case long[] l:
                ByteStreamSplit.Decode(data, l.AsSpan(_values, count));
                break;
            case int[] i:
                ByteStreamSplit.Decode(data, i.AsSpan(_values, count));
                break;
            default:
                throw new NotSupportedException($"value encoding BYTE_STREAM_SPLIT for {_meta.Type}");
        }
    }

    private void DecodeDictionaryIndices(ReadOnlySpan<byte> data, int count)
    {
        var dictionary = _dictionary ?? throw new InvalidDataException("dictionary-encoded page without a dictionary page");
        if (count == 0)
        {
            return;
        }

        if (data.IsEmpty)
        {
            throw new InvalidDataException("dictionary page indices missing");
        }

        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var span = indices.AsSpan(0, count);
            RleBitPackedHybrid.Decode(data[1..], data[0], span);
            foreach (var index in span)
            {
                if ((uint)index >= (uint)dictionary.Length)
                {
                    throw new InvalidDataException($"dictionary index {index} beyond the {dictionary.Length} entries");
                }
            }

            switch (dictionary)
            {
                case string[] d:
                    Gather(d, span, ((string[])_dense).AsSpan(_values, count));
                    break;
                case double[] d:
                    Gather(d, span, ((double[])_dense).AsSpan(_values, count));
                    break;
                case long[] d:
                    Gather(d, span, ((long[])_dense).AsSpan(_values, count));
                    break;
                case int[] d:
                    Gather(d, span, ((int[])_dense).AsSpan(_values, count));
                    break;
                case float[] d:
                    Gather(d, span, ((float[])_dense).AsSpan(_values, count));
                    break;
                case bool[] d:
                    Gather(d, span, ((bool[])_dense).AsSpan(_values, count));
                    break;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private static void DecodePlain(ReadOnlySpan<byte> data, Array destination, int start, int count)
    {
        _ = destination switch
        {
            bool[] d => PlainCodec.ReadBooleans(data, d.AsSpan(start, count)),
            int[] d => PlainCodec.ReadFixed<int>(data, d.AsSpan(start, count)),
            long[] d => PlainCodec.ReadFixed<long>(data, d.AsSpan(start, count)),
            float[] d => PlainCodec.ReadFixed<float>(data, d.AsSpan(start, count)),
            double[] d => PlainCodec.ReadFixed<double>(data, d.AsSpan(start, count)),
            string[] d => PlainCodec.ReadStrings(data, d.AsSpan(start, count)),
            _ => throw new NotSupportedException($"values of {destination.GetType().Name}"),
        };
    }

    private byte[] Decompress(byte[] buffer, int position, int stored, int raw)
    {
        var body = ArrayPool<byte>.Shared.Rent(Math.Max(raw, 1));
        try
        {
            PageCompression.Decompress(_meta.Codec, buffer, position, stored, body.AsSpan(0, raw));
            return body;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(body);
            throw;
        }
    }

    private static void RequireRle(ParquetEncoding encoding)
    {
        if (encoding != ParquetEncoding.Rle)
        {
            throw new NotSupportedException($"level encoding {encoding} (only RLE is supported)");
        }
    }

    private static int ReadPrefixedLevels(ReadOnlySpan<byte> data, Span<int> output, int maxLevel)
    {
        if (data.Length < 4)
        {
            throw new InvalidDataException("level length prefix truncated");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new InvalidDataException($"level length {length} exceeds the page");
        }

        ReadLevels(data.Slice(4, length), output, maxLevel);
        return 4 + length;
    }

    private static void ReadLevels(ReadOnlySpan<byte> data, Span<int> output, int maxLevel)
    {
        RleBitPackedHybrid.Decode(data, BitWidth.Of(maxLevel), output);
        foreach (var level in output)
        {
            if ((uint)level > (uint)maxLevel)
            {
                throw new InvalidDataException($"level {level} above the maximum {maxLevel}");
            }
        }
    }

    private static void Gather<T>(T[] dictionary, ReadOnlySpan<int> indices, Span<T> destination)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            destination[i] = dictionary[indices[i]];
        }
    }
}
