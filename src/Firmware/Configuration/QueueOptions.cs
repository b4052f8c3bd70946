namespace Visco.Firmware.Configuration;

/// <summary>The store-and-forward queue.</summary>
public sealed class QueueOptions
{
    /// <summary>Most measurements held while the cloud is unreachable.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>What happens to a new measurement when the queue is full.</summary>
    public QueueFullPolicy FullPolicy { get; set; } = QueueFullPolicy.RefuseNew;

    /// <summary>Most measurements published and not yet acknowledged at once.</summary>
    public int MaxInflight { get; set; } = 8;
}
