namespace Visco.Grains.Interfaces.Fleet;

/// <summary>What a command asks an analyser to do; the wire names are in <see cref="DeviceCommandTypes"/>.</summary>
public enum DeviceCommandType
{
    /// <summary><c>firmware-update</c>: download an image over HTTPS, check its SHA-256, switch to it.</summary>
    FirmwareUpdate = 0,

    /// <summary><c>set-configuration</c>: apply a versioned settings object (issued through the desired configuration).</summary>
    SetConfiguration = 1,

    /// <summary><c>reboot</c>: restart the agent.</summary>
    Reboot = 2,

    /// <summary><c>locate</c>: make the analyser findable (beep, blink).</summary>
    Locate = 3,

    /// <summary><c>wipe</c>: erase credentials and local data.</summary>
    Wipe = 4,

    /// <summary><c>renew-certificate</c>: renew the client certificate now (devices provisioned by claim only).</summary>
    RenewCertificate = 5,
}
