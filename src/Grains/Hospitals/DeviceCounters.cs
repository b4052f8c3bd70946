using System.Text.Json.Serialization;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Hospitals;

/// <summary>One device's counters in a hospital: totals per class and the rolling window of recent outcomes.</summary>
public sealed class DeviceCounters
{
    /// <summary>Measurements per class since creation.</summary>
    public Dictionary<string, long> ByClass { get; set; } = [];

    /// <summary>Whether each recent measurement was an invalid sample, oldest first.</summary>
    public List<bool> Window { get; set; } = [];

    /// <summary>Whether an invalid-rate alert is open (re-armed when the rate falls back below the threshold).</summary>
    public bool Alerting { get; set; }

    /// <summary>Total measurements.</summary>
    [JsonIgnore]
    public long Total => ByClass.Values.Sum();

    /// <summary>Invalid share of the window.</summary>
    [JsonIgnore]
    public double InvalidRate => Window.Count == 0 ? 0 : (double)Window.Count(b => b) / Window.Count;

    /// <summary>Folds one result in, keeping the window at <paramref name="windowSize"/>.</summary>
    public void Add(string resultClass, int windowSize)
    {
        ByClass[resultClass] = ByClass.GetValueOrDefault(resultClass) + 1;
        Window.Add(resultClass == ResultClasses.InvalidSample);
        if (Window.Count > windowSize)
        {
            Window.RemoveRange(0, Window.Count - windowSize);
        }
    }
}
