namespace Visco.Grains.Interfaces.Devices;

/// <summary>
/// A certificate the front door signed, with what authorised it. The front door checks the device before signing and
/// records after; the registry records it only if the authorisation still holds then (a re-provisioning, revocation or
/// another claim may have come in between).
/// </summary>
/// <param name="Thumbprint">SHA-256 thumbprint (hex) of the new certificate.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="ByClaim">
/// True when the hospital's claim asked (the device must still hold no certificate); false for a renewal over the
/// device's own connection (the device must still be active).
/// </param>
/// <param name="RenewedWith">
/// For a renewal over a certificate-authenticated connection, that certificate's thumbprint: it must still be one of
/// the device's (not retired by a re-provisioning meanwhile). Null for a claim or a secret-authenticated connection.
/// </param>
public sealed record CertificateIssue(string Thumbprint, DateTimeOffset NotAfter, bool ByClaim, string? RenewedWith = null);
