using Visco.Grains.Interfaces.Devices;

namespace Visco.Grains.Interfaces.Fleet;

/// <summary>
/// What re-provisioning a device did: every credential it held is retired and it waits, in
/// <see cref="DeviceStatus.Provisioning"/>, for its hospital's claim to provision it once more.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="HospitalId">Its hospital.</param>
/// <param name="Status">Its status now (provisioning).</param>
/// <param name="RetiredThumbprints">SHA-256 thumbprints (hex) of the certificates that no longer authenticate it.</param>
/// <param name="SecretCleared">Whether it also held a secret, which no longer authenticates it.</param>
/// <param name="Disconnected">Whether a live MQTT connection was dropped.</param>
/// <param name="CancelledCommands">Open commands cancelled (they were meant for the credentials' previous holder).</param>
/// <param name="ReprovisionedAt">When (UTC).</param>
public sealed record DeviceReprovisioning(
    string DeviceId,
    string HospitalId,
    DeviceStatus Status,
    IReadOnlyList<string> RetiredThumbprints,
    bool SecretCleared,
    bool Disconnected,
    int CancelledCommands,
    DateTimeOffset ReprovisionedAt);
