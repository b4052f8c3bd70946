namespace Visco.MqttFrontDoor.Security;

/// <summary>The key of a device CA.</summary>
public enum DeviceCaKeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 with SHA-256 (small certificates, fast on analysers).</summary>
    EcdsaP256 = 0,

    /// <summary>RSA 3072 with SHA-256, PKCS#1 v1.5 signatures (for devices without ECC).</summary>
    Rsa3072 = 1,
}
