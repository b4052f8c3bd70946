namespace Visco.MqttFrontDoor.Security;

/// <summary>Who a connection is, as established at CONNECT; decides its topics (never the client id alone).</summary>
/// <param name="Kind">How it authenticated.</param>
/// <param name="ClientId">The client id (for devices, the device id).</param>
/// <param name="HospitalId">The device's or claim's hospital; null in open mode.</param>
public sealed record ClientIdentity(ClientIdentityKind Kind, string ClientId, string? HospitalId)
{
    /// <summary>SHA-256 thumbprint (hex) of the client certificate it authenticated with; null for other kinds.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>Whether this is a registered device acting as itself.</summary>
    public bool IsDevice => Kind is ClientIdentityKind.DeviceCertificate or ClientIdentityKind.DeviceSecret;
}
