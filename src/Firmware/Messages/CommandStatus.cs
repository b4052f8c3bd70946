namespace Visco.Firmware.Messages;

/// <summary>The status of a command reply.</summary>
public enum CommandStatus
{
    /// <summary>The command took effect.</summary>
    Applied,

    /// <summary>The command was not acceptable (older configuration, bad hash, malformed, another device's).</summary>
    Refused,

    /// <summary>The command was acceptable but carrying it out failed (download error, storage error).</summary>
    Failed,
}
