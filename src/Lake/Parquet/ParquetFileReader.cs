using System.Buffers;
using System.Buffers.Binary;
using Visco.Lake.Parquet.Chunks;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet;

/// <summary>
/// Reads Parquet files column chunk by column chunk (memory bounded by one row group): ours, and other writers' for
/// the types we use (PLAIN and dictionary encodings, GZIP or uncompressed, data page v1 and v2). Anything wrong with
/// the bytes raises <see cref="ParquetFormatException"/>, anything beyond our features
/// <see cref="ParquetUnsupportedException"/>; both name the file.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private const int MinimumFileLength = 12;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataEnd;

    private ParquetFileReader(Stream stream, bool leaveOpen, string fileName, FileMetaData metaData, ParquetSchema schema, long dataEnd)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        FileName = fileName;
        MetaData = metaData;
        Schema = schema;
        _dataEnd = dataEnd;
    }

    /// <summary>The file name used in errors.</summary>
    public string FileName { get; }

    /// <summary>The decoded footer.</summary>
    public FileMetaData MetaData { get; }

    /// <summary>The file's columns.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The number of row groups.</summary>
    public int RowGroupCount => MetaData.RowGroups.Count;

    /// <summary>The number of rows.</summary>
    public long RowCount => MetaData.NumRows;

    /// <summary>Opens a file on disk.</summary>
    public static ParquetFileReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file from a stream (copied into memory first if the stream cannot seek) and reads its footer.</summary>
    public static ParquetFileReader Open(Stream stream, string fileName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            (stream, leaveOpen) = (copy, false);
        }

        var length = stream.Length;
        if (length < MinimumFileLength)
        {
            throw new ParquetFormatException(fileName, $"{length} bytes is too short for a Parquet file (at least {MinimumFileLength})");
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        ReadAt(stream, 0, head, fileName);
        ReadAt(stream, length - 8, tail, fileName);
        if (head.SequenceEqual("PARE"u8) || tail[4..].SequenceEqual("PARE"u8))
        {
            throw new ParquetUnsupportedException(fileName, "encrypted Parquet files are not supported");
        }

        if (!ParquetFileWriter.IsMagic(head) || !ParquetFileWriter.IsMagic(tail[4..]))
        {
            throw new ParquetFormatException(fileName, $"bad magic: not a Parquet file or truncated (expected {ParquetFileWriter.MagicText} at both ends)");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - MinimumFileLength)
        {
            throw new ParquetFormatException(fileName, $"footer length {footerLength} out of range for a file of {length} bytes");
        }

        var footer = new byte[footerLength];
        var dataEnd = length - 8 - footerLength;
        ReadAt(stream, dataEnd, footer, fileName);
        FileMetaData metaData;
        try
        {
            metaData = FileMetaData.Read(new ThriftCompactReader(footer));
        }
        catch (ThriftProtocolException e)
        {
            throw new ParquetFormatException(fileName, $"footer does not decode: {e.Message}", e);
        }

        if (metaData.IsEncrypted)
        {
            throw new ParquetUnsupportedException(fileName, "encrypted Parquet files are not supported");
        }

        var schema = SchemaReader.Read(metaData, fileName);
        Validate(metaData, schema, fileName);
        return new ParquetFileReader(stream, leaveOpen, fileName, metaData, schema, dataEnd);
    }

    /// <summary>The rows of one row group.</summary>
    public long GetRowGroupRowCount(int rowGroup) => MetaData.RowGroups[rowGroup].NumRows;

    /// <summary>Reads every column of a row group.</summary>
    public IReadOnlyList<ColumnData> ReadRowGroup(int rowGroup)
    {
        var result = new ColumnData[Schema.Columns.Count];
        for (var c = 0; c < result.Length; c++)
        {
            result[c] = ReadColumn(rowGroup, c);
        }

        return result;
    }

    /// <summary>Reads one column of a row group by name.</summary>
    public ColumnData ReadColumn(int rowGroup, string name) =>
        ReadColumn(rowGroup, Schema.IndexOf(name) is var index and >= 0 ? index : throw new KeyNotFoundException($"{FileName}: no column '{name}'"));

    /// <summary>Reads one column of a row group by position.</summary>
    public ColumnData ReadColumn(int rowGroup, int column)
    {
        var shredded = ReadShredded(rowGroup, column, pooled: false);
        try
        {
            return ColumnAssembler.Assemble(Schema.Columns[column], shredded, MetaData.RowGroups[rowGroup].NumRows);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(rowGroup, column, e);
        }
        finally
        {
            shredded.ReturnLevels();
        }
    }

    /// <summary>
    /// Decodes one column chunk into levels and dense values without assembling rows, for readers that map values
    /// straight onto objects (<c>Visco.Lake.Rows</c>). With <paramref name="pooled"/> every array is rented and the
    /// caller returns them with <see cref="ShreddedColumn.Return"/>: a row group's temporary columns then never reach
    /// the large-object heap.
    /// </summary>
    internal ShreddedColumn ReadShredded(int rowGroup, int column, bool pooled)
    {
        var group = MetaData.RowGroups[rowGroup];
        var definition = Schema.Columns[column];
        var meta = group.Columns[column].MetaData!;
        var start = meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < meta.DataPageOffset
            ? dictionary
            : meta.DataPageOffset;
        if (start < 4 || meta.TotalCompressedSize < 0 || meta.TotalCompressedSize > int.MaxValue ||
            start + meta.TotalCompressedSize > _dataEnd)
        {
            throw new ParquetFormatException(FileName,
                $"{Where(rowGroup, column)}: chunk at {start} of {meta.TotalCompressedSize} bytes lies outside the data (ends at {_dataEnd})");
        }

        if (meta.NumValues < group.NumRows || meta.NumValues > int.MaxValue)
        {
            // Every row has at least one level, and a chunk's levels must fit one array.
            throw new ParquetFormatException(FileName, $"{Where(rowGroup, column)}: {meta.NumValues} values for {group.NumRows} rows");
        }

        var length = (int)meta.TotalCompressedSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            ReadAt(_stream, start, buffer.AsSpan(0, length), FileName);
            return ColumnChunkReader.Read(definition, meta, buffer, 0, length, pooled);
        }
        catch (Exception e) when (e is InvalidDataException or ThriftProtocolException or OverflowException)
        {
            throw Corrupt(rowGroup, column, e);
        }
        catch (NotSupportedException e)
        {
            throw new ParquetUnsupportedException(FileName, $"{Where(rowGroup, column)}: {e.Message} is not supported", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The error for a column chunk whose bytes or levels are wrong, naming the file, column and row group.</summary>
    internal ParquetFormatException Corrupt(int rowGroup, int column, Exception e) =>
        new(FileName, $"{Where(rowGroup, column)}: {e.Message}", e);

    private string Where(int rowGroup, int column) => $"column '{Schema.Columns[column].Name}' of row group {rowGroup}";

    /// <summary>Closes the stream unless it was opened with leaveOpen.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static void Validate(FileMetaData metaData, ParquetSchema schema, string fileName)
    {
        long rows = 0;
        for (var g = 0; g < metaData.RowGroups.Count; g++)
        {
            var group = metaData.RowGroups[g];
            if (group.Columns.Count != schema.Columns.Count || group.NumRows < 0 || group.NumRows > int.MaxValue)
            {
                throw new ParquetFormatException(fileName,
                    $"row group {g} has {group.Columns.Count} column chunks and {group.NumRows} rows for {schema.Columns.Count} columns");
            }

            rows += group.NumRows;
            for (var c = 0; c < group.Columns.Count; c++)
            {
                var chunk = group.Columns[c];
                if (chunk.IsEncrypted || chunk.FilePath is not null)
                {
                    throw new ParquetUnsupportedException(fileName, $"row group {g} column {c}: encrypted or external column chunks");
                }

                var expected = ParquetSchema.PhysicalTypeOf(schema.Columns[c].Type);
                if (chunk.MetaData is null || chunk.MetaData.Type != expected)
                {
                    throw new ParquetFormatException(fileName,
                        $"row group {g} column '{schema.Columns[c].Name}': chunk metadata missing or not of type {expected}");
                }
            }
        }

        if (rows != metaData.NumRows)
        {
            throw new ParquetFormatException(fileName, $"row groups hold {rows} rows but the footer says {metaData.NumRows}");
        }
    }

    private static void ReadAt(Stream stream, long position, Span<byte> buffer, string fileName)
    {
        try
        {
            stream.Position = position;
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ParquetFormatException(fileName, $"truncated: {buffer.Length} bytes at offset {position} are missing", e);
        }
    }
}
