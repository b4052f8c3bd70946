using Visco.Dashboard.Snapshots;

namespace Visco.Dashboard.Sampling;

/// <summary>
/// Ring buffers of chart points: one slot per tick for <c>capacity</c> ticks. A line that has had no point for a whole
/// window is dropped, so a grain type that went quiet does not hold memory forever.
/// </summary>
internal sealed class ChartHistory(IReadOnlyList<ChartDefinition> charts, int capacity)
{
    private readonly long[] _times = new long[capacity];
    private readonly Dictionary<string, Dictionary<string, Line>> _lines = charts.ToDictionary(
        c => c.Id, _ => new Dictionary<string, Line>(StringComparer.Ordinal), StringComparer.Ordinal);

    private long _ticks;

    /// <summary>How many ticks it holds (at most its capacity).</summary>
    public int Count => (int)Math.Min(_ticks, capacity);

    /// <summary>Appends one tick: for each chart id, its line values.</summary>
    public void Append(long unixMilliseconds, IReadOnlyDictionary<string, Dictionary<string, double>> points)
    {
        var slot = (int)(_ticks % capacity);
        _times[slot] = unixMilliseconds;
        foreach (var (chartId, lines) in _lines)
        {
            points.TryGetValue(chartId, out var values);
            foreach (var (name, line) in lines)
            {
                line.Values[slot] = double.NaN;
            }

            if (values is not null)
            {
                foreach (var (name, value) in values)
                {
                    if (!lines.TryGetValue(name, out var line))
                    {
                        line = new Line(capacity);
                        lines[name] = line;
                    }

                    line.Values[slot] = value;
                    line.LastTick = _ticks;
                }
            }

            foreach (var stale in lines.Where(l => _ticks - l.Value.LastTick >= capacity).Select(l => l.Key).ToList())
            {
                lines.Remove(stale);
            }
        }

        _ticks++;
    }

    /// <summary>Every chart's history, oldest point first.</summary>
    public HistoryView View()
    {
        var count = Count;
        var first = _ticks - count;
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = _times[(int)((first + i) % capacity)];
        }

        var views = charts.Select(chart => new ChartView(
            chart.Id,
            chart.Title,
            chart.Unit,
            _lines[chart.Id].Select(line => new ChartLineView(line.Key, Slice(line.Value, first, count))).ToList())).ToList();
        return new HistoryView(times, views);
    }

    private double?[] Slice(Line line, long first, int count)
    {
        var values = new double?[count];
        for (var i = 0; i < count; i++)
        {
            var value = line.Values[(int)((first + i) % capacity)];
            values[i] = double.IsNaN(value) ? null : value;
        }

        return values;
    }

    private sealed class Line
    {
        public Line(int capacity)
        {
            Values = new double[capacity];
            Array.Fill(Values, double.NaN);
        }

        public double[] Values { get; }

        public long LastTick { get; set; }
    }
}
