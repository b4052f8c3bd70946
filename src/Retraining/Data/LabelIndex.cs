using Visco.Lake.Rows;

namespace Visco.Retraining.Data;

/// <summary>
/// Labels by (hospital, sample): the newest per source wins (a later label supersedes, as the label store does),
/// then the newest across sources.
/// </summary>
public sealed class LabelIndex
{
    private readonly Dictionary<(string Hospital, string Sample, string Source), LabelRow> _bySource = [];
    private Dictionary<(string Hospital, string Sample), LabelRow>? _bySample;

    /// <summary>Labels added.</summary>
    public int Count => _bySource.Count;

    /// <summary>Adds a label row.</summary>
    public void Add(LabelRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = (row.HospitalId, row.SampleId, row.Source);
        if (!_bySource.TryGetValue(key, out var existing) || existing.RecordedAt <= row.RecordedAt)
        {
            _bySource[key] = row;
            _bySample = null;
        }
    }

    /// <summary>The label of a sample, if any.</summary>
    public LabelRow? Find(string hospitalId, string sampleId)
    {
        _bySample ??= _bySource.Values
            .GroupBy(r => (r.HospitalId, r.SampleId))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.RecordedAt)!);
        return _bySample.GetValueOrDefault((hospitalId, sampleId));
    }
}
