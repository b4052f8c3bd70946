namespace Visco.Firmware.Agent;

/// <summary>Why an agent stopped.</summary>
public enum AgentStopReason
{
    /// <summary>Stopped by its host (shutdown).</summary>
    Stopped,

    /// <summary>Disposed without a graceful shutdown (as a crash or power cut would end it).</summary>
    Disposed,

    /// <summary>The reboot command: the host starts it again.</summary>
    Reboot,

    /// <summary>The wipe command: queue, credentials and state deleted; the host must not restart it.</summary>
    Wiped,
}
