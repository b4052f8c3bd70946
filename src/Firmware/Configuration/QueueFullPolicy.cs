namespace Visco.Firmware.Configuration;

/// <summary>What the store-and-forward queue does with a new measurement when it is full.</summary>
public enum QueueFullPolicy
{
    /// <summary>Discard the oldest unsent measurement to make room (the newest sample matters most at the bedside).</summary>
    DropOldest,

    /// <summary>Keep every queued measurement and refuse the new one (the operator is told to repeat it later).</summary>
    RefuseNew,
}
