namespace Visco.Grains.Devices;

/// <summary>Stable codes of refused command replies (MQTT 5 reason strings carry the reason next to them).</summary>
internal static class CommandErrorCodes
{
    /// <summary>The reply names no command this device has.</summary>
    public const string UnknownCommand = "unknown-command";

    /// <summary>The reply is not the firmware's reply object.</summary>
    public const string InvalidReply = "invalid-reply";
}
