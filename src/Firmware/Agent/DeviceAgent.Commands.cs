using System.Text.Json;
using Visco.Firmware.Commands;
using Visco.Firmware.Messages;

namespace Visco.Firmware.Agent;

public sealed partial class DeviceAgent
{
    private async Task CommandLoopAsync(CancellationToken stopping)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            CommandOutcome outcome;
            try
            {
                outcome = await ExecuteAsync(command, stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or HttpRequestException)
            {
                outcome = new CommandOutcome(CommandStatus.Failed, exception.Message);
            }

            await ReplyAsync(command.CommandId, outcome.Status, outcome.Reason, stopping).ConfigureAwait(false);
            if (outcome.Reconnect)
            {
                // Replied over the old certificate's connection; the next one uses the renewed certificate.
                await ReplaceClientAsync().ConfigureAwait(false);
                continue;
            }

            if (outcome.Status == CommandStatus.Applied)
            {
                if (outcome.StopWith is { } reason)
                {
                    RequestStop(reason);
                    return;
                }

                await PublishStateAsync(stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task<CommandOutcome> ExecuteAsync(DeviceCommand command, CancellationToken stopping)
    {
        FirmwareLog.CommandReceived(_logger, DeviceId, command.CommandId, command.Type);
        if (command.DeviceId is not null && command.DeviceId != DeviceId)
        {
            // Never act on another analyser's command, even if a broker misroutes one to us.
            return new CommandOutcome(CommandStatus.Refused, $"the command is for device {command.DeviceId}, not {DeviceId}");
        }

        switch (command.Type)
        {
            case "set-configuration":
                return SetConfiguration(command);
            case "firmware-update":
                return await UpdateFirmwareAsync(command, stopping).ConfigureAwait(false);
            case "reboot":
                return new CommandOutcome(CommandStatus.Applied, null) { StopWith = AgentStopReason.Reboot };
            case "wipe":
                return new CommandOutcome(CommandStatus.Applied, null) { StopWith = AgentStopReason.Wiped };
            case "renew-certificate":
                return await RenewCertificateAsync(force: true, stopping).ConfigureAwait(false);
            case "locate":
                LocateCount++;
                FirmwareLog.Locate(_logger, DeviceId);
                return new CommandOutcome(CommandStatus.Applied, null);
            default:
                return new CommandOutcome(CommandStatus.Refused, $"unknown command type {command.Type}");
        }
    }

    private CommandOutcome SetConfiguration(DeviceCommand command)
    {
        if (!command.Body.TryGetProperty("version", out var versionElement) || !versionElement.TryGetInt64(out var version) || version < 1)
        {
            return new CommandOutcome(CommandStatus.Refused, "set-configuration needs a positive integer \"version\"");
        }

        if (version < _state.ConfigurationVersion)
        {
            return new CommandOutcome(CommandStatus.Refused,
                $"configuration version {version} is older than the current version {_state.ConfigurationVersion}");
        }

        if (version == _state.ConfigurationVersion)
        {
            // A redelivered command: applying it again changes nothing, so it is acknowledged as applied.
            return new CommandOutcome(CommandStatus.Applied, "already at this version");
        }

        if (!command.Body.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Object)
        {
            return new CommandOutcome(CommandStatus.Refused, "set-configuration needs a \"settings\" object");
        }

        foreach (var name in (string[])["measurementIntervalSeconds", "stateIntervalSeconds"])
        {
            if (settings.TryGetProperty(name, out var value) && (!value.TryGetDouble(out var seconds) || seconds < 0 || seconds > 86_400))
            {
                return new CommandOutcome(CommandStatus.Refused, $"settings.{name} must be a number of seconds between 0 and 86400");
            }
        }

        SaveState(_state with { ConfigurationVersion = version, Settings = settings.Clone() });
        return new CommandOutcome(CommandStatus.Applied, null);
    }

    private async Task<CommandOutcome> UpdateFirmwareAsync(DeviceCommand command, CancellationToken stopping)
    {
        if (_services.FirmwareHttp is not { } http || !_services.PersistState)
        {
            return new CommandOutcome(CommandStatus.Refused, "this analyser does not accept firmware updates");
        }

        var updater = new FirmwareUpdater(Path.Combine(_options.StateDirectory, "firmware"), http, _logger);
        var update = await updater.InstallAsync(DeviceId, command, FirmwareVersion, stopping).ConfigureAwait(false);
        if (update.Status == CommandStatus.Applied && update.ImagePath is not null)
        {
            // Switching is this one atomic state write: before it the old image runs, after it the new one.
            SaveState(_state with { FirmwareVersion = update.Version, FirmwareImage = update.ImagePath });
            FirmwareLog.FirmwareSwitched(_logger, DeviceId, update.Version!);
        }

        return new CommandOutcome(update.Status, update.Reason);
    }

    private void SaveState(AgentState state)
    {
        _stateStore?.Save(state);
        _state = state;
    }
}
