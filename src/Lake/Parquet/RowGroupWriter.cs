using Visco.Lake.Parquet.Format;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Parquet;

/// <summary>
/// Writes one row group column by column, in schema order; each column is encoded and written to the file as soon as
/// it is given, so only one column chunk is ever held in memory.
/// </summary>
public sealed class RowGroupWriter
{
    private readonly ParquetFileWriter _file;
    private readonly List<ColumnChunk> _chunks = [];
    private readonly long _startPosition;
    private readonly short _ordinal;

    internal RowGroupWriter(ParquetFileWriter file, int rowCount, int ordinal)
    {
        _file = file;
        RowCount = rowCount;
        _startPosition = file.Position;
        _ordinal = (short)Math.Min(ordinal, short.MaxValue);
    }

    /// <summary>Rows in this group; every column must hold exactly this many.</summary>
    public int RowCount { get; }

    /// <summary>The next column to write, or null when all are written.</summary>
    public ColumnDefinition? NextColumn =>
        _chunks.Count < _file.Schema.Columns.Count ? _file.Schema.Columns[_chunks.Count] : null;

    /// <summary>Writes the next column.</summary>
    public void WriteColumn(ColumnData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var expected = NextColumn ?? throw new InvalidOperationException("every column of the row group is already written");
        if (data.Column.Name != expected.Name || data.Column.Type != expected.Type ||
            data.Column.Repetition != expected.Repetition || data.Column.ElementsNullable != expected.ElementsNullable ||
            data.Column.ListNullable != expected.ListNullable)
        {
            throw new ArgumentException($"expected column '{expected.Name}' ({expected.Repetition} {expected.Type}) next, got '{data.Column.Name}'");
        }

        if (data.RowCount != RowCount)
        {
            throw new ArgumentException($"column '{expected.Name}' has {data.RowCount} rows; the row group has {RowCount}");
        }

        _file.WriteChunk(data, _chunks);
    }

    /// <summary>Writes the next column, which must be called <paramref name="name"/>, from a flat array.</summary>
    public void Write<T>(string name, T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteColumn(new ColumnData(_file.Schema[name], values));
    }

    /// <summary>Writes the next column, a list called <paramref name="name"/>, from flattened elements and offsets.</summary>
    public void WriteList<T>(string name, T[] values, int[] offsets, bool[]? nullLists = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteColumn(new ColumnData(_file.Schema[name], values, offsets, nullLists));
    }

    /// <summary>Finishes the row group; every column must have been written.</summary>
    public void Complete()
    {
        if (NextColumn is { } missing)
        {
            throw new InvalidOperationException($"column '{missing.Name}' was not written");
        }

        var compressed = _chunks.Sum(c => c.MetaData!.TotalCompressedSize);
        _file.CompleteRowGroup(new RowGroup
        {
            Columns = _chunks,
            NumRows = RowCount,
            TotalByteSize = _chunks.Sum(c => c.MetaData!.TotalUncompressedSize),
            TotalCompressedSize = compressed,
            FileOffset = _startPosition,
            Ordinal = _ordinal,
        });
    }
}
