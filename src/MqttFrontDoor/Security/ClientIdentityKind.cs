namespace Visco.MqttFrontDoor.Security;

/// <summary>How a client authenticated.</summary>
public enum ClientIdentityKind
{
    /// <summary>Open mode: anyone, any topic.</summary>
    Anonymous = 0,

    /// <summary>A registered device, by client certificate.</summary>
    DeviceCertificate = 1,

    /// <summary>A registered device, by device id and secret.</summary>
    DeviceSecret = 2,

    /// <summary>A provisioning claim: may only use <c>provisioning/{clientId}/...</c>.</summary>
    Claim = 3,
}
