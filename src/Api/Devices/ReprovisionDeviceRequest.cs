namespace Visco.Api.Devices;

/// <summary>Re-provisions a device (its credentials are retired; its hospital's claim provisions it again).</summary>
/// <param name="Reason">Why (wiped, board replaced, key suspected stolen, ...); kept in the device's record and the log.</param>
public sealed record ReprovisionDeviceRequest(string Reason);
