namespace Visco.Grains.Interfaces.Fleet;

/// <summary>Where a command is: Queued → Sent → Applied, Refused or Failed; or Expired or Cancelled on the way.</summary>
public enum DeviceCommandStatus
{
    /// <summary>Stored, waiting for the device to be online.</summary>
    Queued = 0,

    /// <summary>Published to the device (QoS 1); no reply yet.</summary>
    Sent = 1,

    /// <summary>The device replied that it took effect.</summary>
    Applied = 2,

    /// <summary>The device replied that the command was not acceptable (its reason says why).</summary>
    Refused = 3,

    /// <summary>The device accepted the command but carrying it out failed (its reason says why).</summary>
    Failed = 4,

    /// <summary>Not answered within the command's time to live.</summary>
    Expired = 5,

    /// <summary>Withdrawn before an answer: superseded by a newer configuration, or the device was revoked.</summary>
    Cancelled = 6,
}
