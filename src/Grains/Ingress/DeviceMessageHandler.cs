using Microsoft.Extensions.Logging;
using Visco.Grains.Diagnostics;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Measurements;
using Visco.Runtime.Abstractions;

namespace Visco.Grains.Ingress;

/// <summary>
/// The front door's way into the grains: routes each device message to its device grain and turns the outcome into
/// the reply and status the front door acknowledges with. A failure on our side becomes <see cref="DeviceMessageStatus.Failed"/>
/// (nothing acknowledged as stored), never an exception into the front door's read loop.
/// </summary>
public sealed class DeviceMessageHandler(IGrainFactory grains, TimeProvider time, ILogger<DeviceMessageHandler> logger) : IDeviceMessageHandler
{
    /// <inheritdoc />
    public async Task<DeviceMessageResult> HandleAsync(DeviceMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var device = grains.GetGrain<IDeviceGrain>(message.DeviceId);
        try
        {
            var outcome = message.Kind switch
            {
                DeviceMessageKind.Measurement => await device.SubmitMeasurement(
                    new MeasurementSubmission(message.HospitalId, message.Payload, message.ReceivedAt), cancellationToken),
                DeviceMessageKind.State => await device.ReportState(message.Payload, message.ReceivedAt, cancellationToken),
                DeviceMessageKind.CommandReply => await device.CommandReplied(
                    message.CommandId ?? string.Empty, message.Payload, message.ReceivedAt, cancellationToken),
                _ => SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, null, MeasurementErrorCodes.InvalidField,
                    $"message kind {message.Kind} is not handled"),
            };
            return ToResult(message, outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            DomainLog.DeviceMessageFailed(logger, exception, message.DeviceId, message.Kind.ToString());
            DomainMetrics.RecordRejected(MeasurementErrorCodes.Failed);
            const string reason = "the measurement could not be stored; resend it";
            return new DeviceMessageResult(
                DeviceMessageStatus.Failed,
                reason,
                message.Kind == DeviceMessageKind.Measurement
                    ? [ResultMessages.Error(message.DeviceId, null, MeasurementErrorCodes.Failed, reason)]
                    : []);
        }
    }

    /// <inheritdoc />
    public Task ConnectionChangedAsync(
        string deviceId, string hospitalId, bool online, string? reason, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IDeviceGrain>(deviceId).ConnectionChanged(online, reason, time.GetUtcNow(), cancellationToken);

    private static DeviceMessageResult ToResult(DeviceMessage message, SubmissionOutcome outcome)
    {
        if (outcome.Status is DeviceMessageStatus.Accepted or DeviceMessageStatus.Duplicate)
        {
            return new DeviceMessageResult(
                outcome.Status,
                null,
                outcome.Result is null ? [] : [ResultMessages.Result(message.DeviceId, outcome.Result)]);
        }

        // Only measurements get an error on the results topic; the other topics have no reply channel.
        IReadOnlyList<OutboundMessage> replies = message.Kind == DeviceMessageKind.Measurement
            ? [ResultMessages.Error(message.DeviceId, outcome.SampleId, outcome.ErrorCode!, outcome.Reason!)]
            : [];
        return new DeviceMessageResult(outcome.Status, outcome.Reason, replies);
    }
}
