using Visco.Firmware.Agent;
using Visco.Firmware.Tests.Support;

namespace Visco.Firmware.Tests;

/// <summary>
/// Issue 7, a full disk: the agent's state folder (queue included) on a tmpfs that really fills up. A measurement that
/// cannot be stored is refused with a clear error line and never reported as taken; the agent keeps running; what was
/// queued before stays queued and arrives; measuring works again once space returns.
/// </summary>
public sealed class DiskFullTests
{
    [TmpfsFact]
    public async Task Measure_DiskFull_RefusedWithClearLineNothingQueuedLostAndResumesWhenSpaceReturns()
    {
        await using var disk = await SmallDisk.MountAsync(256);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var observer = new TestObserver();
        var logger = new ListLogger();
        var options = TestAgents.Options(broker.Port, Path.Combine(disk.Path, "state"));
        await using var agent = TestAgents.Create(options, observer, logger);
        await agent.StartAsync();
        await cloud.WaitUntilAsync(() => cloud.States.Any(s => s.Contains("\"online\"", StringComparison.Ordinal)));

        // An outage first, so what is queued stays on the (soon full) disk.
        await broker.StopAsync();
        var queued = new List<string> { (await agent.MeasureAsync()).SampleId, (await agent.MeasureAsync()).SampleId };
        Assert.True(disk.Fill() > 0);

        var refused = new[] { await agent.MeasureAsync(), await agent.MeasureAsync() };

        Assert.All(refused, r => Assert.Equal(MeasurementStatus.StorageFailed, r.Status));
        Assert.All(refused, r => Assert.False(r.IsQueued));
        Assert.Contains(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && l.Message.Contains($"measurement {refused[0].SampleId} NOT stored (disk full: True)", StringComparison.Ordinal)
            && l.Message.Contains("repeat it when storage is fixed", StringComparison.Ordinal));
        Assert.Equal(2, agent.QueueDepth);
        Assert.False(agent.Completion.IsCompleted);
        Assert.Empty(Directory.GetFiles(Path.Combine(options.StateDirectory, "queue"), "*.tmp"));

        disk.Free();
        var resumed = await agent.MeasureAsync();
        Assert.Equal(MeasurementStatus.Queued, resumed.Status);
        queued.Add(resumed.SampleId);

        await broker.StartAgainAsync();
        await observer.WaitForAcknowledgedAsync(3);
        await cloud.WaitUntilAsync(() => queued.All(cloud.Received.ContainsKey));

        Assert.Equal(0, agent.QueueDepth);
        Assert.Equal(queued.Order(), cloud.Received.Keys.Order());
        Assert.DoesNotContain(refused[0].SampleId, cloud.Received.Keys);
        Assert.False(agent.Completion.IsCompleted);
    }

    [TmpfsFact]
    public async Task SetConfiguration_DiskFull_FailedReplyCurrentKeptThenAppliedWhenSpaceReturns()
    {
        await using var disk = await SmallDisk.MountAsync(256);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var options = TestAgents.Options(broker.Port, Path.Combine(disk.Path, "state"));
        await using var agent = TestAgents.Create(options, new TestObserver(), new ListLogger());
        await agent.StartAsync();
        await cloud.WaitUntilAsync(() => cloud.States.Any(s => s.Contains("\"online\"", StringComparison.Ordinal)));
        Assert.True(disk.Fill() > 0);

        var failed = await cloud.SendCommandAsync(options.DeviceId, new { v = 1, commandId = "cfg-full", type = "set-configuration", version = 4, settings = new { } }, "cfg-full");

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(failed.GetProperty("reason").GetString()));
        Assert.Equal(0, agent.ConfigurationVersion);
        Assert.False(agent.Completion.IsCompleted);

        disk.Free();
        var applied = await cloud.SendCommandAsync(options.DeviceId, new { v = 1, commandId = "cfg-again", type = "set-configuration", version = 4, settings = new { } }, "cfg-again");

        Assert.Equal("applied", applied.GetProperty("status").GetString());
        Assert.Equal(4, agent.ConfigurationVersion);
        Assert.Equal(4, new AgentStateStore(options.StateDirectory).Load().ConfigurationVersion);
    }
}
