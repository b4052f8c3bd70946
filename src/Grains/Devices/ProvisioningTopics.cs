namespace Visco.Grains.Devices;

/// <summary>The provisioning-by-claim topics the domain touches (the front door serves them; DESIGN.md section 5).</summary>
internal static class ProvisioningTopics
{
    /// <summary>Where the front door retains the certificate it issued to the device.</summary>
    public static string Certificate(string deviceId) => $"provisioning/{deviceId}/certificate";
}
