namespace Visco.MqttFrontDoor.Security;

/// <summary>A certificate request or device CA operation that cannot be done (bad CSR, missing CA files, no key).</summary>
public sealed class DeviceCertificateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeviceCertificateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DeviceCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
