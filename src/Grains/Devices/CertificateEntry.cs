namespace Visco.Grains.Devices;

/// <summary>A client certificate issued to a device.</summary>
/// <param name="Thumbprint">SHA-256 thumbprint, hex.</param>
/// <param name="NotAfter">When it expires.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record CertificateEntry(string Thumbprint, DateTimeOffset NotAfter, DateTimeOffset RecordedAt);
