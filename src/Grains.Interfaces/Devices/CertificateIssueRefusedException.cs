namespace Visco.Grains.Interfaces.Devices;

/// <summary>
/// A signed certificate was not recorded: what authorised its issuance no longer holds (the device was re-provisioned
/// or revoked, or another claim provisioned it first). The certificate must not be handed out; it authenticates nothing.
/// </summary>
public sealed class CertificateIssueRefusedException(string deviceId, string reason)
    : InvalidOperationException($"No certificate was recorded for device '{deviceId}': {reason}.")
{
    /// <summary>The device id.</summary>
    public string DeviceId { get; } = deviceId;

    /// <summary>Why, in words fit for the device's provisioning error message.</summary>
    public string Reason { get; } = reason;
}
