namespace Visco.Grains.Interfaces.Ingress;

/// <summary>
/// How the domain took a device message. The front door maps it to the PUBACK/PUBREC reason code of MQTT 5
/// (Accepted and Duplicate 0x00, InvalidPayload 0x99, NotAuthorized 0x87, Busy 0x97, Failed 0x80); an MQTT 3.1.1
/// client learns of a refusal from the error result among the replies.
/// </summary>
public enum DeviceMessageStatus
{
    /// <summary>Stored durably and processed.</summary>
    Accepted = 0,

    /// <summary>Seen before (same sample id): the stored outcome is returned again, nothing new is stored.</summary>
    Duplicate = 1,

    /// <summary>Malformed or out of range; nothing stored.</summary>
    InvalidPayload = 2,

    /// <summary>The device may not do this (revoked, wrong hospital).</summary>
    NotAuthorized = 3,

    /// <summary>Over a quota or the system is overloaded; retry later.</summary>
    Busy = 4,

    /// <summary>Failed on our side; nothing acknowledged as stored.</summary>
    Failed = 5,
}
