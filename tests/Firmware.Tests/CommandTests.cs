using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Visco.Firmware.Agent;
using Visco.Firmware.Security;
using Visco.Firmware.Tests.Support;
using Visco.TestKit;

namespace Visco.Firmware.Tests;

public sealed class CommandTests
{
    [RequiresToolFact("mosquitto")]
    public async Task SetConfiguration_NewerVersion_AppliedAcknowledgedAndPersisted()
    {
        await using var setup = await Setup.StartAsync();

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new
        {
            v = 1, commandId = "cfg-1", type = "set-configuration", version = 2, settings = new { stateIntervalSeconds = 600 },
        }, "cfg-1");

        Assert.Equal("applied", reply.GetProperty("status").GetString());
        Assert.Equal(2, setup.Agent.ConfigurationVersion);
        Assert.Equal(2, new AgentStateStore(setup.Options.StateDirectory).Load().ConfigurationVersion);
        await setup.Cloud.WaitUntilAsync(() => setup.Cloud.States.Any(s => s.Contains("\"configurationVersion\":2", StringComparison.Ordinal)));
    }

    [RequiresToolFact("mosquitto")]
    public async Task SetConfiguration_OlderVersion_RefusedAndCurrentKept()
    {
        await using var setup = await Setup.StartAsync();
        await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "c5", type = "set-configuration", version = 5, settings = new { } }, "c5");

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "c3", type = "set-configuration", version = 3, settings = new { } }, "c3");

        Assert.Equal("refused", reply.GetProperty("status").GetString());
        Assert.Contains("older than the current version 5", reply.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, setup.Agent.ConfigurationVersion);
    }

    [RequiresToolFact("mosquitto")]
    public async Task FirmwareUpdate_MatchingHash_StagesSwitchesAndReportsVersion()
    {
        var image = RandomNumberGenerator.GetBytes(200_000);
        await using var server = await FirmwareServer.StartAsync(image);
        using var http = server.CreateClient();
        await using var setup = await Setup.StartAsync(http);

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new
        {
            v = 1, commandId = "fw-1", type = "firmware-update", version = "3.0.0",
            url = new Uri(server.BaseAddress, "/images/fw.bin").ToString(), sha256 = Convert.ToHexStringLower(SHA256.HashData(image)),
        }, "fw-1");

        Assert.Equal("applied", reply.GetProperty("status").GetString());
        Assert.Equal("3.0.0", setup.Agent.FirmwareVersion);
        Assert.Equal(image, await File.ReadAllBytesAsync(Path.Combine(setup.Options.StateDirectory, "firmware", "images", "3.0.0.bin")));
        await setup.Cloud.WaitUntilAsync(() => setup.Cloud.States.Any(s => s.Contains("\"firmware\":\"3.0.0\"", StringComparison.Ordinal)));
    }

    [RequiresToolFact("mosquitto")]
    public async Task FirmwareUpdate_BadHash_RefusedAndOldVersionKept()
    {
        var image = RandomNumberGenerator.GetBytes(10_000);
        await using var server = await FirmwareServer.StartAsync(image);
        using var http = server.CreateClient();
        await using var setup = await Setup.StartAsync(http);

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new
        {
            v = 1, commandId = "fw-bad", type = "firmware-update", version = "3.0.1",
            url = new Uri(server.BaseAddress, "/images/fw.bin").ToString(), sha256 = new string('0', 64),
        }, "fw-bad");

        Assert.Equal("refused", reply.GetProperty("status").GetString());
        Assert.StartsWith("sha-256 mismatch", reply.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.4.0", setup.Agent.FirmwareVersion);
        Assert.False(File.Exists(Path.Combine(setup.Options.StateDirectory, "firmware", "images", "3.0.1.bin")));
        Assert.Empty(Directory.GetFiles(Path.Combine(setup.Options.StateDirectory, "firmware", "staging")));
    }

    [RequiresToolFact("mosquitto")]
    public async Task Wipe_DeletesQueueCredentialsAndState_ThenStops()
    {
        await using var setup = await Setup.StartAsync();
        var store = new CredentialStore(setup.Options.StateDirectory);
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            using var self = new CertificateRequest($"CN={setup.DeviceId}", key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
            store.Save(key, self.ExportCertificatePem(), null);
        }

        await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "c1", type = "set-configuration", version = 1, settings = new { } }, "c1");
        Assert.True(store.HasCertificate);

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "wipe-1", type = "wipe" }, "wipe-1");

        Assert.Equal("applied", reply.GetProperty("status").GetString());
        Assert.Equal(AgentStopReason.Wiped, await setup.Agent.Completion.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(Directory.Exists(store.Directory));
        Assert.False(File.Exists(Path.Combine(setup.Options.StateDirectory, "state.json")));
        Assert.False(Directory.Exists(Path.Combine(setup.Options.StateDirectory, "queue")));
    }

    [RequiresToolFact("mosquitto")]
    public async Task Commands_MalformedUnknownOrForAnotherDevice_RefusedWithoutStoppingTheAgent()
    {
        await using var setup = await Setup.StartAsync();
        await setup.Cloud.PublishCommandAsync(setup.DeviceId, "{not json"u8.ToArray());

        var unknown = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "u1", type = "self-destruct" }, "u1");
        var other = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "o1", type = "wipe", deviceId = "someone-else" }, "o1");
        var noVersion = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { commandId = "n1", type = "locate" }, "n1");
        var locate = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "l1", type = "locate" }, "l1");

        Assert.Equal("refused", unknown.GetProperty("status").GetString());
        Assert.Equal("refused", other.GetProperty("status").GetString());
        Assert.Contains("someone-else", other.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("refused", noVersion.GetProperty("status").GetString());
        Assert.Equal("applied", locate.GetProperty("status").GetString());
        Assert.Equal(1, setup.Agent.LocateCount);
        Assert.False(setup.Agent.Completion.IsCompleted);
        Assert.True(setup.Logger.Contains("malformed command (none) ignored"));
    }

    [RequiresToolFact("mosquitto")]
    public async Task RenewCertificate_AgentNotProvisionedByClaim_RefusedWithReasonAndKeepsRunning()
    {
        await using var setup = await Setup.StartAsync();

        var reply = await setup.Cloud.SendCommandAsync(setup.DeviceId, new { v = 1, commandId = "r1", type = "renew-certificate" }, "r1");

        Assert.Equal("refused", reply.GetProperty("status").GetString());
        Assert.Contains("not provisioned by claim", reply.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(setup.Agent.Completion.IsCompleted);
    }

    private sealed class Setup : IAsyncDisposable
    {
        private Setup(MosquittoBroker broker, CloudResponder cloud, DeviceAgent agent, Configuration.AgentOptions options, ListLogger logger)
        {
            Broker = broker;
            Cloud = cloud;
            Agent = agent;
            Options = options;
            Logger = logger;
        }

        public MosquittoBroker Broker { get; }

        public CloudResponder Cloud { get; }

        public DeviceAgent Agent { get; }

        public Configuration.AgentOptions Options { get; }

        public ListLogger Logger { get; }

        public string DeviceId => Options.DeviceId;

        public static async Task<Setup> StartAsync(HttpClient? http = null)
        {
            var broker = await MosquittoBroker.StartAsync();
            var cloud = await CloudResponder.StartAsync(broker.Port);
            var options = TestAgents.Options(broker.Port, TestAgents.NewStateDirectory());
            var logger = new ListLogger();
            var agent = TestAgents.Create(options, logger: logger, http: http);
            await agent.StartAsync();
            await cloud.WaitUntilAsync(() => cloud.States.Any(s => s.Contains("\"online\"", StringComparison.Ordinal)));
            return new Setup(broker, cloud, agent, options, logger);
        }

        public async ValueTask DisposeAsync()
        {
            await Agent.DisposeAsync();
            await Cloud.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
