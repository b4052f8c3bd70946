using Visco.Grains.Interfaces.Fleet;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Results;

/// <summary>Whether a device belongs to a hospital; a device of another hospital is treated as absent.</summary>
internal static class DeviceOwnership
{
    public static async Task<bool> BelongsToAsync(IGrainFactory grains, string hospitalId, string deviceId, CancellationToken cancellationToken)
    {
        var record = await grains.GetGrain<IDeviceGrain>(deviceId).GetRecord(cancellationToken);
        return record is not null && string.Equals(record.HospitalId, hospitalId, StringComparison.Ordinal);
    }
}
