using System.Diagnostics.CodeAnalysis;

namespace Visco.Grains.Interfaces.Devices;

/// <summary>
/// The reason an administrator gives for acting on a device (revoke, re-provision): recorded with the device and
/// logged, so it is required and bounded alike wherever the action is asked for (API, silo CLI).
/// </summary>
public static class DeviceActionReason
{
    /// <summary>Longest reason accepted, in characters.</summary>
    public const int MaxLength = 500;

    /// <summary>Whether <paramref name="reason"/> is one: not blank and at most <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid([NotNullWhen(true)] string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Length <= MaxLength;
}
