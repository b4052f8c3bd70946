extern alias firmware;

using firmware::Visco.Firmware.Configuration;
using Visco.EndToEnd.Tests.Agents;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 7, MQTT 5 with fallback to 3.1.1: the agent speaks MQTT 5 first; a broker that speaks only 3.1.1 (the real
/// silo behind <see cref="Mqtt311OnlyBroker"/>) refuses it in each of the ways such brokers do, the agent falls back,
/// and its measurements are acknowledged and answered over 3.1.1.
/// </summary>
public sealed class ProtocolFallbackTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private readonly RunningSilo _silo = shared.Silo;

    [Theory]
    [InlineData(V5ConnectAnswer.UnsupportedProtocolVersion)]
    [InlineData(V5ConnectAnswer.UnacceptableProtocolLevel)]
    [InlineData(V5ConnectAnswer.Close)]
    public async Task Connect_BrokerRefusesMqtt5_FallsBackTo311AndMeasurementsAreAcknowledged(V5ConnectAnswer answer)
    {
        var deviceId = $"dev-fallback-{(int)answer}";
        var credentials = await _silo.RegisterDeviceAsync("h-fallback", deviceId);
        await using var broker = new Mqtt311OnlyBroker(_silo.MqttPort, answer);
        await using var device = TestAgent.Create(new AgentOptions
        {
            DeviceId = deviceId,
            StateDirectory = TestAgent.NewStateDirectory(),
            FirmwareVersion = "2.4.0",
            Broker = new BrokerOptions { Port = broker.Port, ReconnectInitialDelayMs = 50, ReconnectMaximumDelayMs = 500 },
            Authentication = new AuthenticationOptions { Mode = AuthenticationMode.Secret, Secret = credentials.Secret },
        });

        await device.Agent.StartAsync();
        await device.Log.WaitForAsync("falling back to MQTT 3.1.1");
        await device.Log.WaitForAsync($"Agent {deviceId} connected over MQTT V311");
        var taken = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add((await device.Agent.MeasureAsync()).SampleId);
        }

        await device.Probe.WaitForAcknowledgedAsync(3);
        await device.Probe.WaitForResultsAsync(3);

        Assert.Equal(MqttProtocolVersion.V311, device.Agent.ProtocolVersion);
        Assert.True(broker.RefusedV5 >= 1);
        Assert.True(broker.Forwarded311 >= 1);
        Assert.Equal(0, device.Agent.QueueDepth);
        foreach (var sampleId in taken)
        {
            Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, "h-fallback", sampleId));
        }
    }
}
