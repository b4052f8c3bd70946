extern alias firmware;

using System.Globalization;
using firmware::Visco.Firmware.Configuration;
using Visco.EndToEnd.Tests.Agents;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 7 against the real silo: the silo killed and restarted (same data, same port) while the agent keeps measuring,
/// and the agent itself killed during the outage and started again on its state folder — every measurement taken
/// arrives, and is stored exactly once.
/// </summary>
public sealed class SiloOutageTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-e2e-outage-").FullName;
    private int? _mqttPort;
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await StartSiloAsync();

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }

    [Fact]
    public async Task SiloKilledAndRestarted_AgentAlsoKilledMeanwhile_EveryMeasurementStoredExactlyOnce()
    {
        var credentials = await _silo.RegisterDeviceAsync("h-outage", "dev-outage");
        var options = new AgentOptions
        {
            DeviceId = credentials.DeviceId,
            StateDirectory = TestAgent.NewStateDirectory(),
            FirmwareVersion = "2.4.0",
            Broker = new BrokerOptions { Port = _silo.MqttPort, ReconnectInitialDelayMs = 100, ReconnectMaximumDelayMs = 1_000 },
            Authentication = new AuthenticationOptions { Mode = AuthenticationMode.Secret, Secret = credentials.Secret },
        };
        var taken = new List<string>();
        await using (var first = TestAgent.Create(options))
        {
            await first.Agent.StartAsync();
            for (var i = 0; i < 3; i++)
            {
                taken.Add((await first.Agent.MeasureAsync()).SampleId);
            }

            await first.Probe.WaitForAcknowledgedAsync(3);
            await _silo.KillAsync();
            for (var i = 0; i < 3; i++)
            {
                var outcome = await first.Agent.MeasureAsync();
                Assert.True(outcome.IsQueued);
                taken.Add(outcome.SampleId);
            }

            Assert.Equal(3, first.Agent.QueueDepth);

            // The analyser crashes too (no goodbye); its queue stays on disk.
        }

        await using var second = TestAgent.Create(options);
        Assert.Equal(3, second.Agent.QueueDepth);
        await second.Agent.StartAsync();
        for (var i = 0; i < 2; i++)
        {
            taken.Add((await second.Agent.MeasureAsync()).SampleId);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _silo = await StartSiloAsync();
        await second.Probe.WaitForAcknowledgedAsync(5);
        await second.Probe.WaitForResultsAsync(5);

        Assert.Equal(0, second.Agent.QueueDepth);
        Assert.Equal(8, taken.Distinct().Count());
        foreach (var sampleId in taken)
        {
            Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, "h-outage", sampleId));
        }
    }

    /// <summary>The first start binds a port the OS picks; a restart takes the same one, as a restarted broker would.</summary>
    private async Task<RunningSilo> StartSiloAsync()
    {
        var silo = await RunningSilo.StartAsync(_data, new Dictionary<string, string?>
        {
            ["Visco:Mqtt:TcpPort"] = (_mqttPort ?? 0).ToString(CultureInfo.InvariantCulture),
        });
        _mqttPort = silo.MqttPort;
        return silo;
    }
}
