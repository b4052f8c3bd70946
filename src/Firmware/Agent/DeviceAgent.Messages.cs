using System.Diagnostics;
using Visco.Firmware.Messages;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Agent;

public sealed partial class DeviceAgent
{
    /// <summary>
    /// Incoming messages, one at a time: results are logged at once (the analyser shows them to the operator),
    /// commands are handed to the command loop so a long firmware download never holds back results.
    /// Nothing a message contains can make this throw.
    /// </summary>
    private ValueTask OnMessageAsync(MqttReceivedMessage message, CancellationToken cancellationToken)
    {
        var topic = message.Topic;
        if (_renewer?.TryHandle(message) == true)
        {
            return ValueTask.CompletedTask;
        }

        if (topic.EndsWith("/results", StringComparison.Ordinal))
        {
            OnResult(message.Payload);
        }
        else if (topic.EndsWith("/commands", StringComparison.Ordinal))
        {
            OnCommand(message.Payload);
        }

        return ValueTask.CompletedTask;
    }

    private void OnResult(ReadOnlyMemory<byte> payload)
    {
        var result = ResultMessage.TryParse(payload);
        if (result is null)
        {
            FirmwareLog.ResultMalformed(_logger, DeviceId, payload.Length);
            return;
        }

        TimeSpan? latency = null;
        if (result.SampleId is not null && _sentAt.TryRemove(result.SampleId, out var sentAt))
        {
            latency = Stopwatch.GetElapsedTime(sentAt);
        }

        if (result.IsError)
        {
            FirmwareLog.ResultRefused(_logger, DeviceId, result.SampleId ?? "(none)", result.Reason ?? "(no reason)");
        }
        else
        {
            FirmwareLog.ResultReceived(_logger, DeviceId, result.SampleId ?? "(none)", result.Class ?? "(none)",
                result.LowShear ?? double.NaN, result.HighShear ?? double.NaN, result.Confidence ?? double.NaN, result.ModelVersion ?? "(none)");
        }

        _services.Observer?.ResultReceived(latency, result.IsError);
    }

    private void OnCommand(ReadOnlyMemory<byte> payload)
    {
        if (!DeviceCommand.TryParse(payload, out var command, out var commandId, out var error))
        {
            FirmwareLog.CommandMalformed(_logger, DeviceId, commandId ?? "(none)", error!);
            if (commandId is not null)
            {
                _ = ReplyAsync(commandId, CommandStatus.Refused, $"malformed command: {error}", CancellationToken.None);
            }

            return;
        }

        if (!_commands.Writer.TryWrite(command!))
        {
            FirmwareLog.CommandBacklogFull(_logger, DeviceId, command!.CommandId);
            _ = ReplyAsync(command!.CommandId, CommandStatus.Failed, "the analyser is busy with earlier commands; send it again later", CancellationToken.None);
        }
    }

    private async Task ReplyAsync(string commandId, CommandStatus status, string? reason, CancellationToken cancellationToken)
    {
        FirmwareLog.CommandReplied(_logger, DeviceId, commandId, status, reason ?? string.Empty);
        if (_client is not { IsConnected: true } client)
        {
            return;
        }

        try
        {
            await client.PublishAsync(new MqttApplicationMessage
            {
                Topic = $"devices/{DeviceId}/commands/{commandId}/reply",
                Payload = DeviceMessages.Reply(commandId, status, reason),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                ContentType = "application/json",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MqttConnectionClosedException or OperationCanceledException or ObjectDisposedException)
        {
            FirmwareLog.ReplyNotSent(_logger, DeviceId, commandId);
        }
    }
}
