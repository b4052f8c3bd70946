using Visco.Grains.Interfaces.Ingress;

namespace Visco.Mqtt.Bench;

/// <summary>Accepts every device message at once with no replies: the front door's own cost, not the domain's.</summary>
internal sealed class NoOpDeviceMessageHandler : IDeviceMessageHandler
{
    private static readonly Task<DeviceMessageResult> Accepted = Task.FromResult(DeviceMessageResult.Accepted());

    public Task<DeviceMessageResult> HandleAsync(DeviceMessage message, CancellationToken cancellationToken = default) => Accepted;

    public Task ConnectionChangedAsync(string deviceId, string hospitalId, bool online, string? reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
