using System.Text;

namespace Visco.Lake.Rows;

/// <summary>
/// Measurement rows held column by column, in arrays of numbers and UTF-8 bytes that are reused as rows come and go.
/// A batch waiting for the lake then holds no object per row, so the garbage collector has nothing of it to trace or
/// copy: held as <see cref="MeasurementRow"/> objects (each with its sweep arrays and strings), the archive's pending
/// rows were most of what survived every young collection of a silo under load. Text that repeats from row to row
/// (hospital, device, firmware, model version, class, flags) is kept once per distinct value; text unique to a row
/// (sample id, input hash) as UTF-8. Rows are appended at the end and removed from the front; not thread-safe.
/// </summary>
public sealed class MeasurementColumns
{
    private readonly TextTable _texts = new();
    private readonly Utf8Column _sampleIds = new();
    private readonly Utf8Column _inputHashes = new();
    private readonly ListColumn<double> _shearRates = new();
    private readonly ListColumn<double> _shearStresses = new();
    private readonly ListColumn<int> _flags = new();
    private RowValues[] _rows = new RowValues[16];

    /// <summary>How many rows are held.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a row (its values are copied; the row itself is not kept).</summary>
    public void Add(MeasurementRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, Count * 2);
        }

        _rows[Count] = new RowValues(
            row.Sequence, row.TakenAt, row.ReceivedAt, row.ProcessedAt, row.TemperatureC, row.Hematocrit,
            row.ViscosityLow, row.ViscosityHigh, row.Confidence, _texts.Index(row.HospitalId), _texts.Index(row.DeviceId),
            _texts.Index(row.Firmware), _texts.Index(row.ModelVersion), _texts.Index(row.Class));
        _sampleIds.Add(row.SampleId);
        _inputHashes.Add(row.InputHash);
        _shearRates.Add(row.ShearRate);
        _shearStresses.Add(row.ShearStress);
        _flags.Add(row.Flags, _texts.Index);
        Count++;
    }

    /// <summary>The stream sequence of row <paramref name="index"/>.</summary>
    public long Sequence(int index) => At(index).Sequence;

    /// <summary>When the cloud received row <paramref name="index"/>.</summary>
    public DateTimeOffset ReceivedAt(int index) => At(index).ReceivedAt;

    /// <summary>Row <paramref name="index"/> as a row object (new objects each call).</summary>
    public MeasurementRow Row(int index)
    {
        var v = At(index);
        return new MeasurementRow(
            Text(v.Hospital), Text(v.Device), _sampleIds[index], v.Sequence, v.TakenAt, v.ReceivedAt, v.TemperatureC,
            v.Hematocrit, v.Firmware < 0 ? null : Text(v.Firmware), _shearRates.Items(index).ToArray(),
            _shearStresses.Items(index).ToArray(), Text(v.Model), _inputHashes[index], v.ViscosityLow, v.ViscosityHigh,
            Text(v.Class), v.Confidence, Flags([index]).Values, v.ProcessedAt);
    }

    /// <summary>Removes the oldest <paramref name="count"/> rows.</summary>
    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Array.Copy(_rows, count, _rows, 0, Count - count);
        Count -= count;
        _sampleIds.RemoveFirst(count);
        _inputHashes.RemoveFirst(count);
        _shearRates.RemoveFirst(count);
        _shearStresses.RemoveFirst(count);
        _flags.RemoveFirst(count);
        if (Count == 0)
        {
            _texts.Clear();
        }
        else if (_texts.Count > (Count * 8) + 1024)
        {
            CompactTexts();
        }
    }

    /// <summary>Column values of the given rows, in the order given, for a Parquet row group.</summary>
    internal T[] Values<T>(IReadOnlyList<int> rows, Func<RowValues, T> value)
    {
        var result = new T[rows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = value(At(rows[i]));
        }

        return result;
    }

    /// <summary>A text column of the given rows: the one string of each distinct value, shared by the rows that hold it.</summary>
    internal string?[] Texts(IReadOnlyList<int> rows, Func<RowValues, int> index) => Values(rows, v => index(v) is >= 0 and var i ? Text(i) : null);

    internal string[] SampleIds(IReadOnlyList<int> rows) => _sampleIds.Texts(rows);

    internal string[] InputHashes(IReadOnlyList<int> rows) => _inputHashes.Texts(rows);

    internal (double[] Values, int[] Offsets) ShearRates(IReadOnlyList<int> rows) => _shearRates.Flatten(rows, x => x);

    internal (double[] Values, int[] Offsets) ShearStresses(IReadOnlyList<int> rows) => _shearStresses.Flatten(rows, x => x);

    internal (string[] Values, int[] Offsets) Flags(IReadOnlyList<int> rows) => _flags.Flatten(rows, Text);

    private ref readonly RowValues At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return ref _rows[index];
    }

    private string Text(int index) => _texts[index];

    // Rows that stay (a load above the batch size never empties the columns) keep their texts; values no row holds
    // any more are dropped, so the table is bounded by the rows held, not by every value ever seen.
    private void CompactTexts()
    {
        var old = _texts.Snapshot();
        _texts.Clear();
        int Remap(int index) => index < 0 ? index : _texts.Index(old[index]);
        for (var r = 0; r < Count; r++)
        {
            ref var v = ref _rows[r];
            v = v with
            {
                Hospital = Remap(v.Hospital), Device = Remap(v.Device), Firmware = Remap(v.Firmware), Model = Remap(v.Model),
                Class = Remap(v.Class),
            };
        }

        _flags.Remap(Remap);
    }

    /// <summary>The fixed-size values of a row; text as indexes into the columns' text table (-1 for null).</summary>
    internal readonly record struct RowValues(
        long Sequence, DateTimeOffset TakenAt, DateTimeOffset ReceivedAt, DateTimeOffset ProcessedAt, double TemperatureC,
        double? Hematocrit, double ViscosityLow, double ViscosityHigh, double Confidence, int Hospital, int Device,
        int Firmware, int Model, int Class);

    /// <summary>Each distinct text once, by index.</summary>
    private sealed class TextTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        public int Count => _texts.Count;

        public string this[int index] => _texts[index];

        public int Index(string? text)
        {
            if (text is null)
            {
                return -1;
            }

            if (!_index.TryGetValue(text, out var index))
            {
                index = _texts.Count;
                _texts.Add(text);
                _index.Add(text, index);
            }

            return index;
        }

        public string[] Snapshot() => [.. _texts];

        public void Clear()
        {
            _index.Clear();
            _texts.Clear();
        }
    }

    /// <summary>
    /// One text per row as UTF-8. Parquet stores text as UTF-8, so what reaches the lake is the same as from the
    /// strings themselves (text that is not valid UTF-16 becomes U+FFFD either way).
    /// </summary>
    private sealed class Utf8Column
    {
        private readonly ListColumn<byte> _bytes = new();

        public string this[int row] => Encoding.UTF8.GetString(_bytes.Items(row));

        public void Add(string text)
        {
            var span = _bytes.Reserve(Encoding.UTF8.GetByteCount(text));
            Encoding.UTF8.GetBytes(text, span);
        }

        public void RemoveFirst(int count) => _bytes.RemoveFirst(count);

        public string[] Texts(IReadOnlyList<int> rows)
        {
            var result = new string[rows.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = this[rows[i]];
            }

            return result;
        }
    }

    /// <summary>A list per row, all rows' items in one array; row r holds <c>items[ends[r-1]..ends[r]]</c>.</summary>
    private sealed class ListColumn<T>
    {
        private T[] _items = new T[256];
        private int[] _ends = new int[16];
        private int _rows;

        private int Length => _rows == 0 ? 0 : _ends[_rows - 1];

        public ReadOnlySpan<T> Items(int row)
        {
            var start = row == 0 ? 0 : _ends[row - 1];
            return _items.AsSpan(start, _ends[row] - start);
        }

        public void Add(ReadOnlySpan<T> items)
        {
            var span = Reserve(items.Length);
            items.CopyTo(span);
        }

        public void Add<TSource>(IReadOnlyList<TSource> items, Func<TSource, T> map)
        {
            var span = Reserve(items.Count);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = map(items[i]);
            }
        }

        public void Remap(Func<T, T> map)
        {
            for (var i = 0; i < Length; i++)
            {
                _items[i] = map(_items[i]);
            }
        }

        public void RemoveFirst(int count)
        {
            if (count == 0)
            {
                return;
            }

            var removed = _ends[count - 1];
            Array.Copy(_items, removed, _items, 0, Length - removed);
            for (var r = count; r < _rows; r++)
            {
                _ends[r - count] = _ends[r] - removed;
            }

            _rows -= count;
        }

        /// <summary>The lists of the given rows flattened, with offsets (one per row plus one), as a Parquet list column takes them.</summary>
        public (TOut[] Values, int[] Offsets) Flatten<TOut>(IReadOnlyList<int> rows, Func<T, TOut> map)
        {
            var offsets = new int[rows.Count + 1];
            for (var i = 0; i < rows.Count; i++)
            {
                offsets[i + 1] = offsets[i] + Items(rows[i]).Length;
            }

            var values = new TOut[offsets[^1]];
            for (var i = 0; i < rows.Count; i++)
            {
                var items = Items(rows[i]);
                for (var j = 0; j < items.Length; j++)
                {
                    values[offsets[i] + j] = map(items[j]);
                }
            }

            return (values, offsets);
        }

        /// <summary>Appends a row of <paramref name="length"/> items, to be filled through the span returned.</summary>
        public Span<T> Reserve(int length)
        {
            var start = Length;
            if (start + length > _items.Length)
            {
                Array.Resize(ref _items, Math.Max(_items.Length * 2, start + length));
            }

            if (_rows == _ends.Length)
            {
                Array.Resize(ref _ends, _rows * 2);
            }

            _ends[_rows++] = start + length;
            return _items.AsSpan(start, length);
        }
    }
}
