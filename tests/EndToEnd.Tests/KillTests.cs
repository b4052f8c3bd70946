using Visco.Mqtt.Packets;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests;

/// <summary>A silo killed right after acknowledging a measurement loses nothing (its own silo: it is killed).</summary>
public sealed class KillTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-e2e-kill-").FullName;
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TemporaryDirectory.Delete(_data);
    }

    [Fact]
    public async Task Kill_RightAfterPuback_MeasurementStoredAfterRestart()
    {
        var credentials = await _silo.RegisterDeviceAsync("h-kill", "dev-kill");
        await using (var analyser = await Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!))
        {
            var ack = await analyser.PublishAsync(Analyser.Measurement("s-kill"));
            Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);
            await _silo.KillAsync();
        }

        _silo = await RunningSilo.StartAsync(_data);

        Assert.Single(await MeasurementPathTests.WaitForStoredAsync(_silo, "h-kill", "s-kill"));
    }

}
