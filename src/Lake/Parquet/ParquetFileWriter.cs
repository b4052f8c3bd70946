using System.Text;
using Visco.Lake.Parquet.Chunks;
using Visco.Lake.Parquet.Encodings;
using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;
using Visco.Lake.Thrift;

namespace Visco.Lake.Parquet;

/// <summary>
/// Writes a Parquet file to a stream, one row group at a time: <c>PAR1</c>, the column chunks of each row group as
/// they are given, then the thrift footer, its length and <c>PAR1</c>. The stream need not be seekable; offsets are
/// counted here. Memory is bounded by one column chunk of one row group.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _output;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnChunkWriter _chunkWriter;
    private readonly List<RowGroup> _rowGroups = [];
    private RowGroupWriter? _open;
    private bool _closed;
    private bool _failed;

    /// <summary>Starts a file on <paramref name="output"/>; <paramref name="fileName"/> names it in errors.</summary>
    public ParquetFileWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, string fileName = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _output = output;
        Schema = schema;
        FileName = fileName;
        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        _chunkWriter = new ColumnChunkWriter(_options);
        Guard(() => _output.Write(Magic));
        Position = Magic.Length;
    }

    /// <summary>The schema.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The file name used in errors.</summary>
    public string FileName { get; }

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    /// <summary>Rows in completed row groups.</summary>
    public long RowCount { get; private set; }

    /// <summary>Starts a row group of <paramref name="rowCount"/> rows; write every column, then complete it.</summary>
    public RowGroupWriter BeginRowGroup(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_open is not null)
        {
            throw new InvalidOperationException("the previous row group is not complete");
        }

        return _open = new RowGroupWriter(this, rowCount, _rowGroups.Count);
    }

    /// <summary>Writes a whole row group from one <see cref="ColumnData"/> per schema column, in schema order.</summary>
    public void WriteRowGroup(IReadOnlyList<ColumnData> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("a row group needs its columns", nameof(columns));
        }

        var group = BeginRowGroup(columns[0].RowCount);
        foreach (var column in columns)
        {
            group.WriteColumn(column);
        }

        group.Complete();
    }

    /// <summary>Writes the footer and flushes. The file is complete only after this.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        if (_open is not null)
        {
            throw new InvalidOperationException("the last row group is not complete");
        }

        _closed = true;
        var footer = new FileMetaData
        {
            Version = 1,
            Schema = Schema.ToSchemaElements(),
            NumRows = RowCount,
            RowGroups = _rowGroups,
            CreatedBy = _options.CreatedBy,
            ColumnOrders = [.. Schema.Columns.Select(_ => (short)1)],
            KeyValueMetadata = _options.KeyValueMetadata?.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList(),
        };
        var buffer = new ByteBuffer(4096);
        footer.Write(new ThriftCompactWriter(buffer));
        var length = buffer.Length;
        buffer.WriteInt32(length);
        buffer.Write(Magic);
        Guard(() =>
        {
            _output.Write(buffer.WrittenSpan);
            _output.Flush();
        });
        Position += buffer.Length;
    }

    /// <summary>Completes the file unless a write failed (a failed file is left for the caller to discard).</summary>
    public void Dispose()
    {
        if (!_closed && !_failed && _open is null)
        {
            Close();
        }

        _closed = true;
    }

    internal void WriteChunk(ColumnData data, List<ColumnChunk> chunks)
    {
        Guard(() =>
        {
            var chunk = _chunkWriter.Write(data, _output, Position);
            Position += chunk.MetaData!.TotalCompressedSize;
            chunks.Add(chunk);
        });
    }

    internal void CompleteRowGroup(RowGroup rowGroup)
    {
        _rowGroups.Add(rowGroup);
        RowCount += rowGroup.NumRows;
        _open = null;
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (IOException e) when (e is not ParquetException)
        {
            _failed = true;
            throw new ParquetException(FileName, $"write failed: {e.Message}", e);
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    /// <summary>The magic as text, for messages.</summary>
    internal static string MagicText => Encoding.ASCII.GetString(Magic);

    internal static bool IsMagic(ReadOnlySpan<byte> bytes) => bytes.SequenceEqual(Magic);
}
