using System.Buffers.Binary;
using Visco.Lake.Parquet.Encodings;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Decodes the pages of one column chunk held in memory into levels and dense physical values. Corruption surfaces as
/// <see cref="InvalidDataException"/> or <see cref="ThriftProtocolException"/>, features beyond ours as
/// <see cref="NotSupportedException"/>; the file reader adds the file and column name.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly ColumnDefinition _column;
    private readonly ColumnMetaData _meta;
    private readonly int[]? _definition;
    private readonly int[]? _repetition;
    private readonly List<Array> _parts = [];
    private Array? _dictionary;
    private int _levels;

    private ColumnChunkReader(ColumnDefinition column, ColumnMetaData meta, int levelCount)
    {
        _column = column;
        _meta = meta;
        _definition = column.MaxDefinitionLevel > 0 ? new int[levelCount] : null;
        _repetition = column.MaxRepetitionLevel > 0 ? new int[levelCount] : null;
    }

    /// <summary>Decodes a chunk whose stored bytes are <paramref name="buffer"/>[<paramref name="offset"/>..+<paramref name="length"/>].</summary>
    public static ShreddedColumn Read(ColumnDefinition column, ColumnMetaData meta, byte[] buffer, int offset, int length)
    {
        if (!PageCompression.IsSupported(meta.Codec))
        {
            throw new NotSupportedException($"codec {meta.Codec} (only GZIP and UNCOMPRESSED are supported)");
        }

        if (meta.NumValues is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"column chunk claims {meta.NumValues} values");
        }

        var reader = new ColumnChunkReader(column, meta, (int)meta.NumValues);
        reader.ReadPages(buffer, offset, offset + length);
        var dense = Concat(reader._parts, meta.Type);
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

        var body = Decompress(buffer, position, header.CompressedPageSize, header.UncompressedPageSize);
        _dictionary = DecodePlain(body, Math.Max(0, dictionaryHeader.NumValues), out _);
    }

    private void ReadDataPageV1(PageHeader header, byte[] buffer, int position)
    {
        var page = header.DataPageHeader ?? throw new InvalidDataException("data page without its header");
        var count = CheckCount(page.NumValues);
        var body = Decompress(buffer, position, header.CompressedPageSize, header.UncompressedPageSize);
        var cursor = 0;
        if (_repetition is not null)
        {
            RequireRle(page.RepetitionLevelEncoding);
            cursor += ReadPrefixedLevels(body.AsSpan(cursor), _repetition.AsSpan(_levels, count), _column.MaxRepetitionLevel);
        }

        if (_definition is not null)
        {
            RequireRle(page.DefinitionLevelEncoding);
            cursor += ReadPrefixedLevels(body.AsSpan(cursor), _definition.AsSpan(_levels, count), _column.MaxDefinitionLevel);
        }

        ReadValues(body.AsSpan(cursor), page.Encoding, count);
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
        var values = page.IsCompressed
            ? Decompress(buffer, cursor, storedValues, rawValues)
            : buffer.AsSpan(cursor, storedValues).ToArray();
        ReadValues(values, page.Encoding, count);
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
                _parts.Add(DecodePlain(data, present, out _));
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary:
                _parts.Add(DecodeDictionaryIndices(data, present));
                break;
            case ParquetEncoding.Rle when _meta.Type == PhysicalType.Boolean:
                var bits = new int[present];
                ReadPrefixedLevels(data, bits, 1);
                _parts.Add(Array.ConvertAll(bits, b => b != 0));
                break;
            default:
                throw new NotSupportedException($"value encoding {encoding} for {_meta.Type}");
        }
    }

    private Array DecodeDictionaryIndices(ReadOnlySpan<byte> data, int count)
    {
        var dictionary = _dictionary ?? throw new InvalidDataException("dictionary-encoded page without a dictionary page");
        if (count == 0)
        {
            return Array.CreateInstance(dictionary.GetType().GetElementType()!, 0);
        }

        if (data.IsEmpty)
        {
            throw new InvalidDataException("dictionary page indices missing");
        }

        var indices = new int[count];
        RleBitPackedHybrid.Decode(data[1..], data[0], indices);
        foreach (var index in indices)
        {
            if ((uint)index >= (uint)dictionary.Length)
            {
                throw new InvalidDataException($"dictionary index {index} beyond the {dictionary.Length} entries");
            }
        }

        return dictionary switch
        {
            string[] d => Gather(d, indices),
            double[] d => Gather(d, indices),
            long[] d => Gather(d, indices),
            int[] d => Gather(d, indices),
            float[] d => Gather(d, indices),
            bool[] d => Gather(d, indices),
            _ => throw new NotSupportedException($"dictionary of {dictionary.GetType().Name}"),
        };
    }

    private Array DecodePlain(ReadOnlySpan<byte> data, int count, out int consumed) => _meta.Type switch
    {
        PhysicalType.Boolean => PlainCodec.ReadBooleans(data, count, out consumed),
        PhysicalType.Int32 => PlainCodec.ReadFixed<int>(data, count, out consumed),
        PhysicalType.Int64 => PlainCodec.ReadFixed<long>(data, count, out consumed),
        PhysicalType.Float => PlainCodec.ReadFixed<float>(data, count, out consumed),
        PhysicalType.Double => PlainCodec.ReadFixed<double>(data, count, out consumed),
        PhysicalType.ByteArray => PlainCodec.ReadStrings(data, count, out consumed),
        _ => throw new NotSupportedException($"physical type {_meta.Type}"),
    };

    private byte[] Decompress(byte[] buffer, int position, int stored, int raw)
    {
        var body = new byte[raw];
        PageCompression.Decompress(_meta.Codec, buffer, position, stored, body);
        return body;
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
            if (level > maxLevel)
            {
                throw new InvalidDataException($"level {level} above the maximum {maxLevel}");
            }
        }
    }

    private static T[] Gather<T>(T[] dictionary, int[] indices)
    {
        var result = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = dictionary[indices[i]];
        }

        return result;
    }

    private static Array Concat(List<Array> parts, PhysicalType type)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var elementType = type switch
        {
            PhysicalType.Boolean => typeof(bool),
            PhysicalType.Int32 => typeof(int),
            PhysicalType.Int64 => typeof(long),
            PhysicalType.Float => typeof(float),
            PhysicalType.Double => typeof(double),
            _ => typeof(string),
        };
        var result = Array.CreateInstance(elementType, parts.Sum(p => p.Length));
        var at = 0;
        foreach (var part in parts)
        {
            Array.Copy(part, 0, result, at, part.Length);
            at += part.Length;
        }

        return result;
    }
}
