using System.Diagnostics;
using System.Text.Json;
using Visco.Grains.Diagnostics;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Models;
using Visco.Grains.Measurements;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Grains.Devices;

/// <summary>
/// The measurement path. Order is the durability argument: validate, infer, append the event to the hospital's
/// durable stream (the commit point: once it returns, the measurement survives a crash), then remember the sample in
/// the dedup window. A crash between append and window can only publish the sample twice on a resend, never lose it;
/// every consumer is idempotent by (device, sample). The window is written to state lazily (every N measurements, on a
/// timer, on deactivation), so the hot path costs one stream append and no state write.
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <inheritdoc />
    public async Task<SubmissionOutcome> SubmitMeasurement(MeasurementSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var refusal = CheckAuthorized(submission.HospitalId);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        var parsed = MeasurementParser.Parse(submission.Payload.Span, options.MaxPayloadBytes);
        if (parsed.Sweep is not { } sweep)
        {
            return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, parsed.SampleId, parsed.ErrorCode!, parsed.Reason!));
        }

        if (_window.TryGet(sweep.SampleId, out var previous))
        {
            DomainMetrics.RecordDuplicate();
            return new SubmissionOutcome(DeviceMessageStatus.Duplicate, previous, sweep.SampleId, null, null);
        }

        if (SweepMapping.Validate(sweep) is { } invalid)
        {
            return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, sweep.SampleId, invalid.Code, invalid.Reason));
        }

        InferenceResult inference;
        var started = Stopwatch.GetTimestamp();
        try
        {
            inference = await GrainFactory.GetGrain<IInferenceGrain>(IInferenceGrain.PoolKey).Infer(sweep, cancellationToken);
        }
        catch (ModelNotReadyException exception)
        {
            return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.Busy, sweep.SampleId, MeasurementErrorCodes.Busy, exception.Message));
        }

        DomainMetrics.RecordInference(Stopwatch.GetElapsedTime(started));
        var now = Now;
        var result = new MeasurementResult(sweep.SampleId, inference, SweepMapping.InputHash(sweep), now);
        var recorded = new MeasurementRecorded(DeviceId, S.HospitalId!, sweep, result, submission.ReceivedAt);
        await MeasurementStream.OnNextAsync(recorded, cancellationToken);

        _window.Add(result);
        S.MeasurementCount++;
        S.LastSeen = submission.ReceivedAt;
        if (sweep.Firmware is not null)
        {
            S.Firmware = sweep.Firmware;
        }

        DomainMetrics.RecordAccepted(inference.Class, inference.ModelVersion);
        if (++_unwritten >= options.StateWriteEvery)
        {
            await WriteAsync(cancellationToken);
        }

        return new SubmissionOutcome(DeviceMessageStatus.Accepted, result, sweep.SampleId, null, null);
    }

    /// <inheritdoc />
    public async Task<SubmissionOutcome> ReportState(ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        if (CheckAuthorized(S.HospitalId) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (payload.Length > options.MaxPayloadBytes)
        {
            return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, null, MeasurementErrorCodes.PayloadTooLarge,
                $"payload is {payload.Length} bytes; the limit is {options.MaxPayloadBytes}"));
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, null, MeasurementErrorCodes.InvalidJson, "state is not a JSON object"));
            }

            S.Firmware = ReadString(root, "firmware") ?? S.Firmware;
            S.ReportedStatus = ReadString(root, "status") ?? S.ReportedStatus;

            // The firmware sends a number; older devices may send a string.
            if (root.TryGetProperty("configurationVersion", out var configuration))
            {
                if (configuration.ValueKind == JsonValueKind.Number && configuration.TryGetInt64(out var number))
                {
                    S.ConfigurationVersion = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    ConfigurationReported(number);
                }
                else if (configuration.ValueKind == JsonValueKind.String)
                {
                    S.ConfigurationVersion = configuration.GetString();
                    if (long.TryParse(S.ConfigurationVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                    {
                        ConfigurationReported(parsed);
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            return Refuse(SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, null, MeasurementErrorCodes.InvalidJson,
                $"invalid JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}"));
        }

        S.LastSeen = receivedAt;
        await WriteAsync(cancellationToken);

        // A state report follows the device's subscribe: commands that could not go out at connect go now.
        await DeliverAsync(resendConfiguration: false, cancellationToken);
        return new SubmissionOutcome(DeviceMessageStatus.Accepted, null, null, null, null);
    }

    private IAsyncStream<MeasurementRecorded> MeasurementStream =>
        GetStreamProvider("durable").GetStream<MeasurementRecorded>(new StreamId(MeasurementRecorded.StreamNamespace, S.HospitalId!));

    private SubmissionOutcome? CheckAuthorized(string? hospitalId)
    {
        if (!IsRegistered)
        {
            return SubmissionOutcome.Refused(DeviceMessageStatus.NotAuthorized, null, MeasurementErrorCodes.NotRegistered,
                "device is not registered");
        }

        if (S.Status != DeviceStatus.Active)
        {
            return SubmissionOutcome.Refused(DeviceMessageStatus.NotAuthorized, null,
                S.Status == DeviceStatus.Revoked ? MeasurementErrorCodes.Revoked : MeasurementErrorCodes.NotRegistered,
                S.Status == DeviceStatus.Revoked ? "device is revoked" : "device is not provisioned yet");
        }

        return hospitalId == S.HospitalId
            ? null
            : SubmissionOutcome.Refused(DeviceMessageStatus.NotAuthorized, null, MeasurementErrorCodes.WrongHospital,
                "device does not belong to this hospital");
    }

    private SubmissionOutcome Refuse(SubmissionOutcome outcome)
    {
        DomainMetrics.RecordRejected(outcome.ErrorCode!);
        DomainLog.MeasurementRefused(logger, DeviceId, outcome.ErrorCode!, outcome.Reason!);
        return outcome;
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
