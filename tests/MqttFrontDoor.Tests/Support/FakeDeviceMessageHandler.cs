using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>Records device messages and answers each measurement with a result on the device's results topic.</summary>
public sealed class FakeDeviceMessageHandler : IDeviceMessageHandler
{
    /// <summary>Messages received, in order.</summary>
    public Channel<DeviceMessage> Messages { get; } = Channel.CreateUnbounded<DeviceMessage>();

    /// <summary>Connection changes: (device, online, reason).</summary>
    public ConcurrentQueue<(string DeviceId, bool Online, string? Reason)> Connections { get; } = new();

    /// <summary>The status given to the next messages.</summary>
    public DeviceMessageStatus Status { get; set; } = DeviceMessageStatus.Accepted;

    /// <inheritdoc />
    public Task<DeviceMessageResult> HandleAsync(DeviceMessage message, CancellationToken cancellationToken = default)
    {
        Messages.Writer.TryWrite(message);
        if (Status != DeviceMessageStatus.Accepted || message.Kind != DeviceMessageKind.Measurement)
        {
            return Task.FromResult(new DeviceMessageResult(Status, Status == DeviceMessageStatus.Accepted ? null : "refused by test", []));
        }

        var result = Encoding.UTF8.GetBytes("{\"v\":1,\"class\":\"normal\"}");
        return Task.FromResult(DeviceMessageResult.Accepted(new OutboundMessage($"devices/{message.DeviceId}/results", result)));
    }

    /// <inheritdoc />
    public Task ConnectionChangedAsync(string deviceId, string hospitalId, bool online, string? reason, CancellationToken cancellationToken = default)
    {
        Connections.Enqueue((deviceId, online, reason));
        return Task.CompletedTask;
    }
}
