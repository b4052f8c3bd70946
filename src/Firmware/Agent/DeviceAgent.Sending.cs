using System.Diagnostics;
using Visco.Firmware.Messages;
using Visco.Firmware.Queue;
using Visco.Mqtt;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Agent;

public sealed partial class DeviceAgent
{
    private const int MaxLatencyTracked = 4096;
    private static readonly TimeSpan TransientRefusalDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Takes one measurement and stores it in the queue before anything is sent: once this returns
    /// <see cref="MeasurementOutcome.IsQueued"/>, the measurement survives a lost connection and a reboot.
    /// </summary>
    public async Task<MeasurementOutcome> MeasureAsync(CancellationToken cancellationToken = default)
    {
        var sweep = await _services.Viscometer.MeasureAsync(DeviceId, cancellationToken).ConfigureAwait(false);
        var payload = MeasurementMessage.Serialize(sweep, FirmwareVersion);
        EnqueueResult result;
        try
        {
            result = _queue.Enqueue(sweep.SampleId, payload);
        }
        catch (MeasurementStorageException exception)
        {
            FirmwareLog.MeasurementNotStored(_logger, DeviceId, sweep.SampleId, exception.DiskFull, exception.Message);
            return new MeasurementOutcome(sweep.SampleId, MeasurementStatus.StorageFailed);
        }

        switch (result.Outcome)
        {
            case EnqueueOutcome.RefusedFull:
                FirmwareLog.QueueFullRefused(_logger, DeviceId, sweep.SampleId, _queue.Capacity);
                return new MeasurementOutcome(sweep.SampleId, MeasurementStatus.RefusedQueueFull);
            case EnqueueOutcome.AcceptedDroppedOldest:
                FirmwareLog.QueueFullDroppedOldest(_logger, DeviceId, result.Dropped!.SampleId, _queue.Capacity);
                Wake();
                return new MeasurementOutcome(sweep.SampleId, MeasurementStatus.QueuedDroppedOldest);
            default:
                Wake();
                return new MeasurementOutcome(sweep.SampleId, MeasurementStatus.Queued);
        }
    }

    private async Task MeasureLoopAsync(CancellationToken stopping)
    {
        while (true)
        {
            var seconds = _state.Settings is { } settings
                && settings.TryGetProperty("measurementIntervalSeconds", out var value) && value.TryGetDouble(out var configured)
                ? configured
                : _options.MeasurementIntervalSeconds;
            if (seconds <= 0)
            {
                // Measuring on demand only; look again later in case a configuration turns it on.
                await Task.Delay(TimeSpan.FromSeconds(5), _services.Time, stopping).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(TimeSpan.FromSeconds(seconds), _services.Time, stopping).ConfigureAwait(false);
            await MeasureAsync(stopping).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes queued measurements while connected, up to <c>queue.maxInflight</c> at a time, oldest first. A
    /// measurement leaves the queue only on a successful PUBACK; anything else leaves it queued for the next attempt.
    /// </summary>
    private async Task SendLoopAsync(CancellationToken stopping)
    {
        var reader = _wake.Reader;
        while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            reader.TryRead(out _);
            if (_client is not { IsConnected: true } client || !ReferenceEquals(Volatile.Read(ref _subscribedOn), client))
            {
                continue;
            }

            var free = _options.Queue.MaxInflight - _inflight.Count;
            if (free <= 0)
            {
                continue;
            }

            foreach (var entry in _queue.Peek(free, _inflight.ContainsKey))
            {
                _inflight[entry.Sequence] = true;
                _ = PublishMeasurementAsync(client, entry, stopping);
            }
        }
    }

    private async Task PublishMeasurementAsync(MqttClient client, QueuedMeasurement entry, CancellationToken stopping)
    {
        try
        {
            if (_sentAt.Count >= MaxLatencyTracked)
            {
                // Results are not coming back (a broker without a cloud behind it): stop timing rather than grow.
                _sentAt.Clear();
            }

            _sentAt.TryAdd(entry.SampleId, Stopwatch.GetTimestamp());
            _services.Observer?.MeasurementSent();
            var result = await client.PublishAsync(new MqttApplicationMessage
            {
                Topic = _measurementsTopic,
                Payload = entry.Payload,
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                ContentType = "application/json",
            }, stopping).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                _queue.Remove(entry.Sequence);
                _services.Observer?.MeasurementAcknowledged();
            }
            else if (result.ReasonCode is MqttPubAckReasonCode.UnspecifiedError or MqttPubAckReasonCode.ImplementationSpecificError
                or MqttPubAckReasonCode.QuotaExceeded)
            {
                // The cloud could not take it now (storage, quota): keep it and try again shortly.
                FirmwareLog.MeasurementDeferred(_logger, DeviceId, entry.SampleId, result.ReasonCode, result.ReasonString);
                await Task.Delay(TransientRefusalDelay, _services.Time, stopping).ConfigureAwait(false);
            }
            else
            {
                // A verdict on the message itself (malformed, not authorised): resending the same bytes cannot help.
                _queue.Remove(entry.Sequence);
                _sentAt.TryRemove(entry.SampleId, out _);
                FirmwareLog.MeasurementRejected(_logger, DeviceId, entry.SampleId, result.ReasonCode, result.ReasonString);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is MqttConnectionClosedException or ObjectDisposedException or IOException)
        {
            // Still queued: sent again after the reconnect (same sample id, the cloud deduplicates). No wake-up here:
            // the reconnect wakes the sender, and waking now would spin while the connection is going down.
            _inflight.TryRemove(entry.Sequence, out _);
            return;
        }
        catch (MqttProtocolViolationException exception)
        {
            FirmwareLog.MeasurementUnsendable(_logger, DeviceId, entry.SampleId, exception.Message);
            await Task.Delay(TransientRefusalDelay, _services.Time, CancellationToken.None).ConfigureAwait(false);
        }
        _inflight.TryRemove(entry.Sequence, out _);
        Wake();
    }
}
