using Microsoft.Data.Sqlite;
using Visco.DomainStore.Postgres;
using Visco.DomainStore.Sqlite;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Results;
using Visco.Grains.Tests.Hosting;
using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;
using Visco.TestKit;

namespace Visco.Grains.Tests;

/// <summary>
/// The command queue and the desired configuration survive deactivation, a graceful restart and a crash (they are
/// written before anything is published), and are delivered in order afterwards.
/// </summary>
public abstract class CommandDurabilityTests : IAsyncLifetime
{
    /// <summary>Opens the runtime store over the test's data.</summary>
    protected abstract IRuntimeStore CreateStore(TimeProvider time);

    /// <summary>Opens the results store over the test's data.</summary>
    protected abstract IResultStore CreateResultStore();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task QueuedCommands_RestartThenKill_StillQueuedAndDeliveredInOrder()
    {
        var silo = await DomainSilo.StartAsync(CreateStore, CreateResultStore, withModel: false);
        await using (silo)
        {
            await silo.RegisterAsync("h1", "dev-1");
            var device = silo.Grains.GetGrain<IDeviceGrain>("dev-1");
            var locate = await device.IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));
            var configuration = await device.SetDesiredConfiguration(
                System.Text.Json.JsonDocument.Parse("{\"measurementIntervalSeconds\":45}").RootElement, "admin");

            await silo.RestartAsync();
            var reboot = await silo.Grains.GetGrain<IDeviceGrain>("dev-1").IssueCommand(new DeviceCommandRequest(DeviceCommandType.Reboot, "admin"));
            await silo.KillAndRestartAsync();

            device = silo.Grains.GetGrain<IDeviceGrain>("dev-1");
            var page = await device.GetCommands(null, 10);
            Assert.Equal([reboot.CommandId, configuration.CommandId, locate.CommandId], page.Items.Select(c => c.CommandId));
            Assert.All(page.Items, c => Assert.Equal(DeviceCommandStatus.Queued, c.Status));
            Assert.Equal(1, (await device.GetConfiguration())!.DesiredVersion);

            await DeviceSide.ConnectAsync(silo, "h1", "dev-1");

            var sent = silo.Connections.CommandsTo("dev-1");
            Assert.Equal([locate.CommandId, configuration.CommandId, reboot.CommandId], sent.Select(c => c.GetProperty("commandId").GetString()));
            Assert.Equal(45, sent[1].GetProperty("settings").GetProperty("measurementIntervalSeconds").GetInt32());
        }
    }

    [ProviderFact]
    public async Task SentCommand_ReplyAfterRestart_RecordedOnTheCommand()
    {
        var silo = await DomainSilo.StartAsync(CreateStore, CreateResultStore, withModel: false);
        await using (silo)
        {
            await silo.RegisterAsync("h1", "dev-1");
            await DeviceSide.ConnectAsync(silo, "h1", "dev-1");
            var command = await silo.Grains.GetGrain<IDeviceGrain>("dev-1").IssueCommand(new DeviceCommandRequest(DeviceCommandType.Locate, "admin"));

            await silo.KillAndRestartAsync();
            await DeviceSide.ReplyAsync(silo, "h1", "dev-1", command.CommandId, DeviceSide.Reply(command.CommandId, "applied"));
            await silo.RestartAsync();

            var stored = await silo.Grains.GetGrain<IDeviceGrain>("dev-1").GetCommand(command.CommandId);
            Assert.Equal(DeviceCommandStatus.Applied, stored!.Status);
        }
    }
}

/// <summary>The command queue on SQLite.</summary>
public sealed class SqliteCommandDurabilityTests : CommandDurabilityTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-commands-").FullName;

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new SqliteRuntimeStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_directory, "visco.db") }, time);

    /// <inheritdoc />
    protected override IResultStore CreateResultStore() => new SqliteResultStore(Path.Combine(_directory, "results.db"));

    /// <inheritdoc />
    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_directory);
        return Task.CompletedTask;
    }
}

/// <summary>The command queue on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresCommandDurabilityTests : CommandDurabilityTests
{
    private readonly PostgresTestSchema _runtimeSchema = new();
    private readonly PostgresTestSchema _resultsSchema = new();

    /// <inheritdoc />
    protected override IRuntimeStore CreateStore(TimeProvider time) =>
        new PostgresRuntimeStore(new PostgresStoreOptions { ConnectionString = _runtimeSchema.ConnectionString, Schema = _runtimeSchema.Name }, time);

    /// <inheritdoc />
    protected override IResultStore CreateResultStore() => new PostgresResultStore(_resultsSchema.ConnectionString, _resultsSchema.Name);

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await _runtimeSchema.DisposeAsync();
        await _resultsSchema.DisposeAsync();
    }
}
