using Microsoft.Extensions.Logging.Abstractions;
using Visco.Firmware.Cli;
using Visco.Firmware.Fleet;
using Visco.Firmware.Tests.Support;
using Visco.TestKit;

namespace Visco.Firmware.Tests;

public sealed class FleetSimulatorTests
{
    [RequiresToolFact("mosquitto")]
    public async Task Run_200Devices_ReportsSentAcknowledgedResultsAndLatency()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var simulator = new FleetSimulator(new FleetOptions
        {
            Devices = 200,
            Hospitals = 4,
            Rate = 100,
            Duration = TimeSpan.FromSeconds(3),
            Drain = TimeSpan.FromSeconds(10),
            Port = broker.Port,
        }, NullLoggerFactory.Instance);
        var output = new StringWriter();
        var console = new FleetConsole(output);
        FleetSnapshot summary;
        try
        {
            await simulator.StartAsync(CancellationToken.None);
            summary = await console.RunAsync(report => simulator.RunAsync(report, CancellationToken.None));
            console.WriteSummary(summary);
        }
        finally
        {
            await simulator.StopAsync();
        }

        Assert.Equal(200, summary.Devices);
        Assert.True(summary.Measured > 0);
        Assert.Equal(summary.Measured, summary.Acknowledged);
        Assert.Equal(summary.Measured, summary.Results);
        Assert.Equal(0, summary.Queued);
        Assert.NotNull(summary.P50);
        Assert.True(summary.P99 >= summary.P50);
        Assert.Equal(summary.Measured, cloud.Received.Count);
        Assert.Contains(cloud.Received.Keys, id => id.StartsWith("sim-hospital-004-", StringComparison.Ordinal));
        Assert.Contains("summary: ", output.ToString(), StringComparison.Ordinal);
    }
}
