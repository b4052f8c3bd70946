using System.Text.Json;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Grains.Devices;

/// <summary>
/// The versioned desired configuration. Each set bumps the version (past both the last desired and the last reported
/// one, so the firmware, which refuses versions older than its own, always takes it), cancels an older open
/// set-configuration command as superseded, and queues one carrying <c>version</c> and <c>settings</c>. The device
/// acknowledges by an applied reply or by reporting <c>configurationVersion</c> in its state; until then the command
/// is re-sent at every reconnect.
/// </summary>
internal sealed partial class DeviceGrain
{
    /// <inheritdoc />
    public async Task<DeviceCommandRecord> SetDesiredConfiguration(JsonElement settings, string issuedBy, CancellationToken cancellationToken = default)
    {
        RequireCommandable(issuedBy);
        var json = CommandValidation.Settings(settings);
        ExpireCommands();
        var superseded = S.OpenCommands.Where(c => c.Type == DeviceCommandType.SetConfiguration).ToArray();
        RequireRoom(S.OpenCommands.Count - superseded.Length);
        var version = Math.Max(S.DesiredConfiguration?.Version ?? 0, S.ReportedConfigurationVersion ?? 0) + 1;
        foreach (var old in superseded)
        {
            ReplaceCommand(old with { Status = DeviceCommandStatus.Cancelled, Reason = $"superseded by configuration version {version}" });
        }

        var command = NewCommand(DeviceCommandType.SetConfiguration, issuedBy) with { ConfigurationVersion = version };
        S.OpenCommands.Add(command);
        S.DesiredConfiguration = new DesiredConfiguration(version, json, issuedBy, Now, command.CommandId);
        await WriteAsync(cancellationToken);
        CommandLog.ConfigurationSet(logger, DeviceId, version, issuedBy);
        await DeliverAsync(resendConfiguration: false, cancellationToken);

        return FindCommand(command.CommandId)!;
    }

    /// <inheritdoc />
    public Task<DeviceConfigurationStatus?> GetConfiguration(CancellationToken cancellationToken = default)
    {
        if (!IsRegistered)
        {
            return Task.FromResult<DeviceConfigurationStatus?>(null);
        }

        var desired = S.DesiredConfiguration;
        var command = desired is null ? null : FindCommand(desired.CommandId);
        JsonElement? settings = null;
        if (desired is not null)
        {
            using var document = JsonDocument.Parse(desired.SettingsJson);
            settings = document.RootElement.Clone();
        }

        return Task.FromResult<DeviceConfigurationStatus?>(new DeviceConfigurationStatus(
            desired?.Version,
            settings,
            desired?.SetBy,
            desired?.SetAt,
            S.ReportedConfigurationVersion,
            IsAcknowledged,
            desired?.CommandId,
            command?.Status,
            command?.Reason));
    }

    private bool IsAcknowledged => S.DesiredConfiguration is { } desired && S.ReportedConfigurationVersion >= desired.Version;

    /// <summary>The device reports (state) or confirmed (applied reply) a configuration version.</summary>
    private void ConfigurationReported(long version)
    {
        var wasAcknowledged = IsAcknowledged;
        S.ReportedConfigurationVersion = Math.Max(S.ReportedConfigurationVersion ?? 0, version);
        foreach (var command in S.OpenCommands.ToArray())
        {
            if (command.Type == DeviceCommandType.SetConfiguration && command.ConfigurationVersion <= S.ReportedConfigurationVersion)
            {
                ReplaceCommand(command with
                {
                    Status = DeviceCommandStatus.Applied,
                    Reason = $"the device reported configuration version {S.ReportedConfigurationVersion}",
                    RepliedAt = Now,
                });
            }
        }

        if (!wasAcknowledged && IsAcknowledged)
        {
            CommandLog.ConfigurationAcknowledged(logger, DeviceId, S.DesiredConfiguration!.Version);
        }
    }

    /// <summary>The settings a set-configuration command carries (only the current desired one is ever open).</summary>
    private string? SettingsOf(DeviceCommandRecord command) =>
        command.Type == DeviceCommandType.SetConfiguration && S.DesiredConfiguration?.CommandId == command.CommandId
            ? S.DesiredConfiguration.SettingsJson
            : null;
}
