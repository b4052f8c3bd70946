using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Devices;

/// <summary>
/// The results of a device's most recent samples by sample id, evicting the oldest beyond the capacity. Used from
/// one grain's turns only, so it needs no lock.
/// </summary>
internal sealed class DedupWindow(int capacity)
{
    private readonly Dictionary<string, MeasurementResult> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _results.Count;

    public bool TryGet(string sampleId, out MeasurementResult result) => _results.TryGetValue(sampleId, out result!);

    public void Add(MeasurementResult result)
    {
        if (!_results.TryAdd(result.SampleId, result))
        {
            return;
        }

        _order.Enqueue(result.SampleId);
        while (_order.Count > capacity)
        {
            _results.Remove(_order.Dequeue());
        }
    }

    /// <summary>The newest <paramref name="count"/> results, oldest first.</summary>
    public List<MeasurementResult> Newest(int count) =>
        _order.Skip(Math.Max(0, _order.Count - count)).Select(id => _results[id]).ToList();
}
