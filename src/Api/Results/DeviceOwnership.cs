using System.Collections.Concurrent;
using Visco.Grains.Interfaces.Fleet;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Results;

/// <summary>
/// Whether a device belongs to a hospital; a device of another hospital is treated as absent. A device's hospital is
/// set once, at registration, and never changes (a second registration is refused), so a "yes" from the device grain
/// is remembered and later reads of that device skip the grain call. A "no" is never remembered: the device may be
/// registered a moment later. Bounded: past <see cref="MaxEntries"/> devices the memory starts over.
/// </summary>
public sealed class DeviceOwnership(IGrainFactory grains)
{
    /// <summary>The most devices remembered.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, string> _hospitalOf = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="deviceId"/> is registered to <paramref name="hospitalId"/>.</summary>
    public async ValueTask<bool> BelongsToAsync(string hospitalId, string deviceId, CancellationToken cancellationToken)
    {
        if (_hospitalOf.TryGetValue(deviceId, out var known))
        {
            return string.Equals(known, hospitalId, StringComparison.Ordinal);
        }

        var record = await grains.GetGrain<IDeviceGrain>(deviceId).GetRecord(cancellationToken);
        if (record is null)
        {
            return false;
        }

        if (_hospitalOf.Count >= MaxEntries)
        {
            _hospitalOf.Clear();
        }

        _hospitalOf[deviceId] = record.HospitalId;
        return string.Equals(record.HospitalId, hospitalId, StringComparison.Ordinal);
    }
}
