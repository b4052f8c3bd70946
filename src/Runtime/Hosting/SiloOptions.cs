namespace Visco.Runtime.Hosting;

/// <summary>The runtime's settings (section "Visco:Runtime").</summary>
public sealed class SiloOptions
{
    /// <summary>How long a call may take before its caller gets a <c>GrainCallTimeoutException</c>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected (unless its class sets its own age).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most OnActivateAsync may take.</summary>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most OnDeactivateAsync may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest reminder period accepted (Orleans' default is one minute; tests lower it).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the stream agent looks for new events when no local publish woke it.</summary>
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many stream events the agent reads per batch.</summary>
    public int StreamBatchSize { get; set; } = 4096;

    /// <summary>
    /// The most events one delivery turn carries to a subscriber: the largest batch an <c>IAsyncBatchObserver</c>
    /// receives (a one-event observer gets them one call each, within the same turn). A subscriber has one delivery in
    /// flight, so this bounds how fast a slow one can catch up: at 256, the results projection of a hospital sending
    /// 1,000 measurements/s fell behind, its lane passed its buffer (four batches) and every event was read from
    /// storage a second time (bench/E2E.Bench, eighth pass).
    /// </summary>
    public int StreamDeliveryBatchSize { get; set; } = 2048;

    /// <summary>
    /// The most stream events held in memory for subscribers that have not handled them yet, all together (each
    /// subscriber of a stream holds at most four delivery batches). Events past it are read again from storage when
    /// the subscriber gets to them, so a stuck subscriber costs storage reads, never unbounded memory.
    /// </summary>
    public int StreamBufferedEvents { get; set; } = 262_144;

    /// <summary>
    /// The longest wait before a failing stream subscriber is tried again (the wait doubles from 20 ms up to this);
    /// other subscribers and streams go on meanwhile.
    /// </summary>
    public TimeSpan StreamRetryMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws with a message that says how to fix the setting.</summary>
    public void Validate()
    {
        Require(CallTimeout > TimeSpan.Zero, "Visco:Runtime:CallTimeout must be positive, e.g. 00:00:30.");
        Require(CollectionAge > TimeSpan.Zero, "Visco:Runtime:CollectionAge must be positive, e.g. 00:15:00.");
        Require(CollectionQuantum > TimeSpan.Zero, "Visco:Runtime:CollectionQuantum must be positive, e.g. 00:01:00.");
        Require(MinimumReminderPeriod > TimeSpan.Zero, "Visco:Runtime:MinimumReminderPeriod must be positive.");
        Require(StreamPollInterval > TimeSpan.Zero, "Visco:Runtime:StreamPollInterval must be positive, e.g. 00:00:01.");
        Require(StreamBatchSize is > 0 and <= 100_000, "Visco:Runtime:StreamBatchSize must be between 1 and 100000.");
        Require(StreamBufferedEvents > 0, "Visco:Runtime:StreamBufferedEvents must be positive, e.g. 262144.");
        Require(StreamRetryMaxBackoff > TimeSpan.Zero, "Visco:Runtime:StreamRetryMaxBackoff must be positive, e.g. 00:00:05.");
        Require(StreamDeliveryBatchSize is > 0 and <= 100_000, "Visco:Runtime:StreamDeliveryBatchSize must be between 1 and 100000, e.g. 2048.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
