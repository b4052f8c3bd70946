using Visco.Grains.Fleet;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;

namespace Visco.Grains.Claims;

/// <summary>A provisioning claim: a hashed shared secret that lets new analysers of one hospital provision until it expires.</summary>
[GrainType("claim")]
internal sealed class ClaimGrain([PersistentState("claim")] IPersistentState<ClaimState> state) : Grain, IClaimGrain
{
    /// <inheritdoc />
    public async Task Create(string hospitalId, string secret, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hospitalId);
        if (state.State.HospitalId is not null)
        {
            throw new InvalidOperationException($"Claim '{GetPrimaryKeyString()}' already exists.");
        }

        state.State.HospitalId = hospitalId;
        state.State.SecretHash = SecretHasher.Hash(secret);
        state.State.ExpiresAt = expiresAt;
        await state.WriteStateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<ProvisioningClaim?> Verify(string secret, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        var valid = s.HospitalId is not null
            && GrainContext.TimeProvider.GetUtcNow() < s.ExpiresAt
            && SecretHasher.Verify(secret, s.SecretHash);
        return Task.FromResult(valid ? new ProvisioningClaim(GetPrimaryKeyString(), s.HospitalId!, s.ExpiresAt) : null);
    }
}
