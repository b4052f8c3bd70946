namespace Visco.Firmware.Security;

/// <summary>Provisioning by claim did not produce a certificate: the cloud refused, timed out or sent an unusable one.</summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying failure.</summary>
    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the cloud said no (claim unknown, expired or wrong secret; device unknown or already provisioned): asking
    /// again at once gives the same answer until someone fixes the claim or the registration, so the agent waits long.
    /// </summary>
    public bool IsRefusal { get; init; }
}
