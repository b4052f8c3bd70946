using System.Text.Json;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>The versioned desired configuration: bump, supersede, re-send at every reconnect until acknowledged.</summary>
public sealed class ConfigurationTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    private IDeviceGrain Device => _silo.Grains.GetGrain<IDeviceGrain>("dev-1");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartInMemoryAsync(withModel: false);
        await _silo.RegisterAsync("h1", "dev-1");
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task SetDesiredConfiguration_Twice_VersionsIncreaseAndOlderSuperseded()
    {
        var first = await Device.SetDesiredConfiguration(Settings("{\"measurementIntervalSeconds\":30}"), "admin");
        var second = await Device.SetDesiredConfiguration(Settings("{\"measurementIntervalSeconds\":60}"), "admin");

        Assert.Equal((1L, 2L), (first.ConfigurationVersion, second.ConfigurationVersion));
        var superseded = await Device.GetCommand(first.CommandId);
        Assert.Equal(DeviceCommandStatus.Cancelled, superseded!.Status);
        Assert.Contains("superseded by configuration version 2", superseded.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await Device.GetStatus())!.PendingCommands);

        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        var sent = Assert.Single(_silo.Connections.CommandsTo("dev-1"));
        Assert.Equal("set-configuration", sent.GetProperty("type").GetString());
        Assert.Equal(2, sent.GetProperty("version").GetInt64());
        Assert.Equal(60, sent.GetProperty("settings").GetProperty("measurementIntervalSeconds").GetInt32());
    }

    [Fact]
    public async Task SetDesiredConfiguration_NotAcknowledged_ResentAtEveryReconnectUntilStateReportsIt()
    {
        var command = await Device.SetDesiredConfiguration(Settings("{\"stateIntervalSeconds\":10}"), "admin");
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.DisconnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        Assert.Equal(2, _silo.Connections.CommandsTo("dev-1").Count(c => c.GetProperty("commandId").GetString() == command.CommandId));
        Assert.False((await Device.GetConfiguration())!.Acknowledged);

        await DeviceSide.ReportStateAsync(_silo, "h1", "dev-1", 1);
        await DeviceSide.DisconnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        Assert.Equal(2, _silo.Connections.CommandsTo("dev-1").Count);
        var configuration = await Device.GetConfiguration();
        Assert.True(configuration!.Acknowledged);
        Assert.Equal((1L, 1L), (configuration.DesiredVersion, configuration.ReportedVersion));
        Assert.Equal(DeviceCommandStatus.Applied, configuration.CommandStatus);
        Assert.Equal(10, configuration.Settings!.Value.GetProperty("stateIntervalSeconds").GetInt32());
        var status = await Device.GetStatus();
        Assert.Equal(("1", 1L, 1L), (status!.ConfigurationVersion, status.DesiredConfigurationVersion, status.ReportedConfigurationVersion));
    }

    [Fact]
    public async Task CommandReplied_AppliedSetConfiguration_Acknowledged()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.SetDesiredConfiguration(Settings("{}"), "admin");

        await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "applied"));

        var configuration = await Device.GetConfiguration();
        Assert.True(configuration!.Acknowledged);
        Assert.Equal(1, configuration.ReportedVersion);
    }

    [Fact]
    public async Task SetDesiredConfiguration_DeviceReportedHigherVersion_NextVersionIsAboveIt()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.ReportStateAsync(_silo, "h1", "dev-1", 7);

        var command = await Device.SetDesiredConfiguration(Settings("{}"), "admin");

        Assert.Equal(8, command.ConfigurationVersion);
    }

    [Theory]
    [InlineData("[]", "object")]
    [InlineData("\"text\"", "object")]
    [InlineData("null", "object")]
    [InlineData("{\"measurementIntervalSeconds\":-1}", "measurementIntervalSeconds")]
    [InlineData("{\"stateIntervalSeconds\":\"ten\"}", "stateIntervalSeconds")]
    [InlineData("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":1}}}}}}}}}}}}}", "deeper")]
    public async Task SetDesiredConfiguration_InvalidSettings_RefusedAndNothingStored(string json, string mentions)
    {
        var thrown = await Assert.ThrowsAsync<InvalidDeviceCommandException>(() => Device.SetDesiredConfiguration(Settings(json), "admin"));

        Assert.Contains(mentions, thrown.Message, StringComparison.Ordinal);
        Assert.Null((await Device.GetConfiguration())!.DesiredVersion);
    }

    [Fact]
    public async Task SetDesiredConfiguration_SettingsOverLimit_Refused()
    {
        var huge = Settings($"{{\"note\":\"{new string('x', 20_000)}\"}}");

        var thrown = await Assert.ThrowsAsync<InvalidDeviceCommandException>(() => Device.SetDesiredConfiguration(huge, "admin"));

        Assert.Contains("limit", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetDesiredConfiguration_Refused_NotResentAtReconnect()
    {
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");
        var command = await Device.SetDesiredConfiguration(Settings("{}"), "admin");
        await DeviceSide.ReplyAsync(_silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "refused", "older than current"));

        await DeviceSide.DisconnectAsync(_silo, "h1", "dev-1");
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        Assert.Single(_silo.Connections.CommandsTo("dev-1"));
        var configuration = await Device.GetConfiguration();
        Assert.False(configuration!.Acknowledged);
        Assert.Equal((DeviceCommandStatus.Refused, "older than current"), (configuration.CommandStatus!.Value, configuration.CommandReason));
    }

    [Fact]
    public async Task SetConfiguration_NeverExpires()
    {
        var command = await Device.SetDesiredConfiguration(Settings("{}"), "admin");

        _silo.Time.Advance(TimeSpan.FromDays(30));
        await DeviceSide.ConnectAsync(_silo, "h1", "dev-1");

        Assert.Equal(DeviceCommandStatus.Sent, (await Device.GetCommand(command.CommandId))!.Status);
    }

    private static JsonElement Settings(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
