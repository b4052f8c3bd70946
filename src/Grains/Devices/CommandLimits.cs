namespace Visco.Grains.Devices;

/// <summary>
/// The bounds of a device's command queue. Fixed rather than configured: they protect a grain's state size (every
/// open command and the history are written with it), not a deployment choice.
/// </summary>
internal static class CommandLimits
{
    /// <summary>Open (queued or sent) commands per device; more are refused, nothing is dropped.</summary>
    public const int MaxOpen = 100;

    /// <summary>Finished commands kept per device, oldest dropped first.</summary>
    public const int MaxHistory = 200;

    /// <summary>Largest desired-configuration settings object, UTF-8 bytes as sent to the device.</summary>
    public const int MaxSettingsBytes = 16 * 1024;

    /// <summary>Deepest nesting of a settings object (the firmware reads a whole command with depth 16).</summary>
    public const int MaxSettingsDepth = 12;

    /// <summary>Largest command reply accepted from a device.</summary>
    public const int MaxReplyBytes = 4 * 1024;

    /// <summary>Longest reason kept from a reply.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// How long a command other than set-configuration may stay unanswered before it expires. Set-configuration does not
    /// expire: the desired configuration is re-sent at every reconnect until the device reports it.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(7);
}
