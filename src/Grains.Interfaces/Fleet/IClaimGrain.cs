using Visco.Grains.Interfaces.Devices;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Interfaces.Fleet;

/// <summary>A provisioning claim, keyed by claim id: a hospital, a hashed secret and an expiry.</summary>
[Alias("claim")]
public interface IClaimGrain : IGrainWithStringKey
{
    /// <summary>Creates the claim; fails if a claim with this id exists.</summary>
    [Alias("create")]
    Task Create(string hospitalId, string secret, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The claim if the secret matches (constant-time) and it has not expired; null otherwise.</summary>
    [Alias("verify")]
    Task<ProvisioningClaim?> Verify(string secret, CancellationToken cancellationToken = default);
}
