using Visco.Grains.Interfaces.Devices;

namespace Visco.Grains.Devices;

/// <summary>
/// Certificates the front door issued. It checks the device, signs, then records: the check is repeated here, in the
/// recording turn, so nothing that happened in between (a re-provisioning retiring the certificate a renewal came
/// over, a revocation, a second claim racing the first) is undone by a certificate signed on the older state.
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <inheritdoc />
    public Task RecordIssuedCertificate(CertificateIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        RequireRegistered();
        if (IssueRefusal(issue) is { } reason)
        {
            CredentialLog.IssueRefused(logger, DeviceId, issue.ByClaim ? "claim" : "renewal", reason);
            throw new CertificateIssueRefusedException(DeviceId, reason);
        }

        return RecordCertificate(issue.Thumbprint, issue.NotAfter, cancellationToken);
    }

    private string? IssueRefusal(CertificateIssue issue)
    {
        if (S.Status == DeviceStatus.Revoked)
        {
            return "device is Revoked";
        }

        if (issue.ByClaim)
        {
            return S.Certificates.Count > 0
                ? "device already has a certificate; renew it over a connection authenticated with that certificate"
                : null;
        }

        if (S.Status != DeviceStatus.Active)
        {
            return $"device is {S.Status}";
        }

        // A device with no certificate recorded is renewing over a secret (or an unlisted CA certificate the front door
        // accepted): nothing to be still current.
        return issue.RenewedWith is { } presented && S.Certificates.Count > 0
            && !S.Certificates.Exists(c => string.Equals(c.Thumbprint, presented, StringComparison.OrdinalIgnoreCase))
            ? "the certificate this renewal came over has been retired"
            : null;
    }
}
