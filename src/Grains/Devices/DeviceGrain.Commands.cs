using System.Security.Cryptography;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Devices;

/// <summary>
/// The durable command queue. A command is written to state as Queued before anything is published (a crash after
/// the write re-sends it; a crash before loses nothing the caller was told about), then published at QoS 1 through
/// the front door when the device is connected, in issue order, and marked Sent. While the device is offline commands
/// stay Queued; they go out in order when it connects (<see cref="ConnectionChanged"/>) or, if its subscription was
/// not in place yet, at its first state report or reply. Replies (<see cref="CommandReplied"/>) finish a command;
/// a finished command moves to a bounded history. Delivery after Sent is at most once, except for the desired
/// configuration, which is re-sent at every reconnect until the device reports its version (the firmware treats a
/// repeated version as applied).
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <inheritdoc />
    public async Task<DeviceCommandRecord> IssueCommand(DeviceCommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCommandable(request.IssuedBy);
        (string Version, string Url, string Sha256)? firmware = null;
        switch (request.Type)
        {
            case DeviceCommandType.SetConfiguration:
                throw new InvalidDeviceCommandException(
                    "set-configuration carries a versioned settings object: set the desired configuration (\"settings\") instead.");
            case DeviceCommandType.FirmwareUpdate:
                firmware = CommandValidation.FirmwareUpdate(request);
                break;
            case DeviceCommandType.Reboot or DeviceCommandType.Locate or DeviceCommandType.Wipe or DeviceCommandType.RenewCertificate:
                if (request.FirmwareVersion is not null || request.FirmwareUrl is not null || request.FirmwareSha256 is not null)
                {
                    throw new InvalidDeviceCommandException($"{request.Type.ToWireName()} takes no version, url or sha256.");
                }

                break;
            default:
                throw new InvalidDeviceCommandException($"Unknown command type {request.Type}.");
        }

        ExpireCommands();
        RequireRoom(S.OpenCommands.Count);
        var command = NewCommand(request.Type, request.IssuedBy) with
        {
            FirmwareVersion = firmware?.Version,
            FirmwareUrl = firmware?.Url,
            FirmwareSha256 = firmware?.Sha256,
        };
        S.OpenCommands.Add(command);
        await WriteAsync(cancellationToken);
        CommandLog.Issued(logger, DeviceId, command.CommandId, command.Type, request.IssuedBy);
        await DeliverAsync(resendConfiguration: false, cancellationToken);

        return FindCommand(command.CommandId)!;
    }

    /// <inheritdoc />
    public Task<DeviceCommandPage> GetCommands(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var before = cursor is null ? long.MaxValue : CommandCursor.Decode(cursor);
        ExpireCommands();
        var newestFirst = S.OpenCommands.Concat(S.CommandHistory)
            .Where(c => c.Sequence < before)
            .OrderByDescending(c => c.Sequence)
            .Take(limit + 1)
            .ToList();
        var more = newestFirst.Count > limit;
        var items = more ? newestFirst[..limit] : newestFirst;
        return Task.FromResult(new DeviceCommandPage(items, more ? CommandCursor.Encode(items[^1].Sequence) : null));
    }

    /// <inheritdoc />
    public Task<DeviceCommandRecord?> GetCommand(string commandId, CancellationToken cancellationToken = default)
    {
        ExpireCommands();
        return Task.FromResult(FindCommand(commandId));
    }

    /// <inheritdoc />
    public async Task<DeviceCommandRecord?> CancelCommand(string commandId, string cancelledBy, CancellationToken cancellationToken = default)
    {
        RequireRegistered();
        if (string.IsNullOrWhiteSpace(cancelledBy) || cancelledBy.Length > 200)
        {
            throw new InvalidDeviceCommandException("cancelledBy must name the caller (1-200 characters).");
        }

        ExpireCommands();
        if (FindCommand(commandId) is not { } command)
        {
            return null;
        }

        if (command.Type == DeviceCommandType.SetConfiguration)
        {
            throw new CommandNotCancellableException(commandId, "it carries the desired configuration; set a new configuration instead");
        }

        if (command.Status != DeviceCommandStatus.Queued)
        {
            throw new CommandNotCancellableException(commandId, $"it is {command.Status.ToString().ToLowerInvariant()}; only a queued command can be withdrawn");
        }

        ReplaceCommand(command with { Status = DeviceCommandStatus.Cancelled, Reason = $"cancelled by {cancelledBy}" });
        await WriteAsync(cancellationToken);
        CommandLog.Cancelled(logger, DeviceId, commandId, cancelledBy);
        return FindCommand(commandId);
    }

    /// <inheritdoc />
    public async Task<SubmissionOutcome> CommandReplied(
        string commandId, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        if (CheckAuthorized(S.HospitalId) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (!CommandReply.TryParse(payload.Span, commandId, out var reply, out var error))
        {
            return RefuseReply(commandId, CommandErrorCodes.InvalidReply, error!);
        }

        if (FindCommand(commandId) is not { } command)
        {
            return RefuseReply(commandId, CommandErrorCodes.UnknownCommand, "no command with this id was issued to this device");
        }

        S.LastCommandId = commandId;
        S.LastCommandReplyAt = receivedAt;
        S.LastSeen = receivedAt;
        if (command.Status is DeviceCommandStatus.Applied or DeviceCommandStatus.Refused or DeviceCommandStatus.Failed)
        {
            // A redelivered reply (QoS 1): the first answer stands.
            return new SubmissionOutcome(DeviceMessageStatus.Duplicate, null, null, null, null);
        }

        // An answer to an expired or cancelled command still says what the device did, so it replaces that status.
        ReplaceCommand(command with { Status = reply!.Status, Reason = reply.Reason, RepliedAt = receivedAt });
        CommandLog.Answered(logger, DeviceId, commandId, reply.Status);
        if (command.Type == DeviceCommandType.SetConfiguration && reply.Status == DeviceCommandStatus.Applied
            && command.ConfigurationVersion is { } version)
        {
            ConfigurationReported(version);
        }

        await WriteAsync(cancellationToken);
        await DeliverAsync(resendConfiguration: false, cancellationToken);
        return new SubmissionOutcome(DeviceMessageStatus.Accepted, null, null, null, null);
    }

    /// <summary>Publishes the due commands in order; stops at the first the front door could not take.</summary>
    private async Task DeliverAsync(bool resendConfiguration, CancellationToken cancellationToken)
    {
        // Only to a live connection: a state message can also be the device's will, handled after it went away, and
        // a message parked in a persistent session would then count as sent while the device is offline.
        if (connections is null || S.Status != DeviceStatus.Active || !connections.IsConnected(DeviceId))
        {
            return;
        }

        var changed = false;
        foreach (var command in S.OpenCommands.ToArray())
        {
            var due = command.Status == DeviceCommandStatus.Queued
                || (resendConfiguration && command.Type == DeviceCommandType.SetConfiguration && command.Status == DeviceCommandStatus.Sent);
            if (!due)
            {
                continue;
            }

            bool sent;
            try
            {
                sent = await connections.PublishAsync(DeviceId, CommandMessages.Build(DeviceId, command, SettingsOf(command)), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The front door could not take it now: it stays queued for the next connect or state report.
                CommandLog.PublishFailed(logger, exception, DeviceId, command.CommandId);
                sent = false;
            }

            if (!sent)
            {
                // Not subscribed yet, or gone again: keep the order, try again when the device shows life.
                if (command.Status == DeviceCommandStatus.Sent)
                {
                    ReplaceCommand(command with { Status = DeviceCommandStatus.Queued });
                    changed = true;
                }

                break;
            }

            ReplaceCommand(command with { Status = DeviceCommandStatus.Sent, SentAt = Now });
            CommandLog.Sent(logger, DeviceId, command.CommandId);
            changed = true;
        }

        if (changed)
        {
            await WriteAsync(cancellationToken);
        }
    }

    /// <summary>Cancels every open command (the device was revoked: it will never connect again).</summary>
    private void CancelOpenCommands(string reason)
    {
        foreach (var command in S.OpenCommands.ToArray())
        {
            ReplaceCommand(command with { Status = DeviceCommandStatus.Cancelled, Reason = reason });
        }
    }

    /// <summary>Expires open commands (other than set-configuration) past their time to live; true when any did.</summary>
    private bool ExpireCommands()
    {
        var now = Now;
        var expired = false;
        foreach (var command in S.OpenCommands.ToArray())
        {
            if (command.Type != DeviceCommandType.SetConfiguration && command.IssuedAt + CommandLimits.TimeToLive <= now)
            {
                ReplaceCommand(command with
                {
                    Status = DeviceCommandStatus.Expired,
                    Reason = $"not answered within {CommandLimits.TimeToLive.TotalDays:0} days",
                });
                expired = true;
            }
        }

        if (expired)
        {
            // Written with the next write or by the flush timer.
            _unwritten++;
        }

        return expired;
    }

    private DeviceCommandRecord NewCommand(DeviceCommandType type, string issuedBy)
    {
        var sequence = ++S.LastCommandSequence;

        // Topic-safe (it becomes a level of the reply topic) and not guessable from the sequence alone.
        var id = $"c{sequence}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        return new DeviceCommandRecord(id, sequence, type, issuedBy, Now, DeviceCommandStatus.Queued);
    }

    private DeviceCommandRecord? FindCommand(string commandId) =>
        S.OpenCommands.Find(c => c.CommandId == commandId) ?? S.CommandHistory.Find(c => c.CommandId == commandId);

    /// <summary>Stores a command's new record: open ones stay in place (issue order), finished ones move to the history.</summary>
    private void ReplaceCommand(DeviceCommandRecord command)
    {
        var open = S.OpenCommands.FindIndex(c => c.CommandId == command.CommandId);
        if (open >= 0)
        {
            if (command.IsOpen)
            {
                S.OpenCommands[open] = command;
                return;
            }

            S.OpenCommands.RemoveAt(open);
            S.CommandHistory.Add(command);
            if (S.CommandHistory.Count > CommandLimits.MaxHistory)
            {
                S.CommandHistory.RemoveAt(0);
            }

            return;
        }

        var finished = S.CommandHistory.FindIndex(c => c.CommandId == command.CommandId);
        if (finished >= 0)
        {
            S.CommandHistory[finished] = command;
        }
    }

    private void RequireCommandable(string issuedBy)
    {
        RequireRegistered();
        if (S.Status == DeviceStatus.Revoked)
        {
            throw new DeviceRevokedException(DeviceId);
        }

        if (string.IsNullOrWhiteSpace(issuedBy) || issuedBy.Length > 200)
        {
            throw new InvalidDeviceCommandException("issuedBy must name the caller (1-200 characters).");
        }
    }

    private void RequireRoom(int open)
    {
        if (open >= CommandLimits.MaxOpen)
        {
            throw new CommandQueueFullException(DeviceId, CommandLimits.MaxOpen);
        }
    }

    private SubmissionOutcome RefuseReply(string commandId, string code, string reason)
    {
        CommandLog.ReplyRefused(logger, DeviceId, commandId, code, reason);
        return SubmissionOutcome.Refused(DeviceMessageStatus.InvalidPayload, null, code, reason);
    }
}
