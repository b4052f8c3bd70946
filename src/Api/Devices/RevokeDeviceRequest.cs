namespace Visco.Api.Devices;

/// <summary>Revokes a device.</summary>
/// <param name="Reason">Why (stolen, retired, ...); kept in the device's record and the audit log.</param>
public sealed record RevokeDeviceRequest(string Reason);
