namespace Visco.Grains.Hosting;

/// <summary>Settings of the domain grains (section "Visco:Grains").</summary>
public sealed class GrainsOptions
{
    /// <summary>Largest measurement payload accepted, bytes (a 64-point sweep is about 2 KB).</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Recent sample ids per device kept in memory to answer a resend as a duplicate. Resends come within seconds
    /// (the unacknowledged tail of a session), so a few hundred is plenty; each entry costs 268 bytes per device
    /// (an encoded slot, see DedupWindow), allocated as the window fills.
    /// </summary>
    public int DedupWindow { get; set; } = 128;

    /// <summary>The largest <see cref="DedupWindow"/>: 16 MiB of slots per device.</summary>
    public const int MaxDedupWindow = 65_536;

    /// <summary>Recent samples per device kept in its durable state (written lazily), for resends after a reactivation.</summary>
    public int PersistedDedupWindow { get; set; } = 32;

    /// <summary>
    /// A device grain writes its state after this many accepted measurements (and on a timer, and on deactivation).
    /// A crash loses at most this many dedup entries, which can only turn a resend into a duplicate event that every
    /// consumer ignores.
    /// </summary>
    public int StateWriteEvery { get; set; } = 128;

    /// <summary>How often a device or hospital grain writes state that changed since its last write.</summary>
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an inference worker asks the registry for the active version (the hot-swap delay).</summary>
    public TimeSpan ModelRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Simulated sweeps the bootstrap model trains on (fewer only in tests; the product uses 30,000).</summary>
    public int BootstrapSweepCount { get; set; } = Model.ModelBootstrap.SweepCount;

    /// <summary>Measurements per device in a hospital's rolling statistics window.</summary>
    public int StatisticsWindow { get; set; } = 50;

    /// <summary>Invalid-sample share of the window above which a device alert is raised.</summary>
    public double InvalidRateAlertThreshold { get; set; } = 0.3;

    /// <summary>Measurements a device's window needs before an alert can be raised.</summary>
    public int AlertMinimumSamples { get; set; } = 20;

    /// <summary>Throws with a message that says how to fix the setting.</summary>
    public void Validate()
    {
        Require(MaxPayloadBytes is >= 1024 and <= 16 * 1024 * 1024, "Visco:Grains:MaxPayloadBytes must be between 1024 and 16777216.");
        Require(DedupWindow is >= 1 and <= MaxDedupWindow && PersistedDedupWindow >= 1 && PersistedDedupWindow <= DedupWindow,
            $"Visco:Grains:DedupWindow must be between 1 and {MaxDedupWindow} (128 by default), PersistedDedupWindow between 1 and DedupWindow.");
        Require(StateWriteEvery >= 1, "Visco:Grains:StateWriteEvery must be at least 1.");
        Require(StateFlushInterval > TimeSpan.Zero, "Visco:Grains:StateFlushInterval must be positive, e.g. 00:00:30.");
        Require(ModelRefreshInterval > TimeSpan.Zero, "Visco:Grains:ModelRefreshInterval must be positive, e.g. 00:00:01.");
        Require(BootstrapSweepCount >= 1000, "Visco:Grains:BootstrapSweepCount must be at least 1000 (30000 by default).");
        Require(StatisticsWindow >= 1 && AlertMinimumSamples >= 1 && AlertMinimumSamples <= StatisticsWindow,
            "Visco:Grains:StatisticsWindow and AlertMinimumSamples must be positive, AlertMinimumSamples <= StatisticsWindow.");
        Require(InvalidRateAlertThreshold is > 0 and <= 1, "Visco:Grains:InvalidRateAlertThreshold must be in (0, 1].");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
