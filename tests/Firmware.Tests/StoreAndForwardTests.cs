using Visco.Firmware.Agent;
using Visco.Firmware.Tests.Support;
using Visco.TestKit;

namespace Visco.Firmware.Tests;

public sealed class StoreAndForwardTests
{
    [RequiresToolFact("mosquitto")]
    public async Task Measure_DuringBrokerOutage_EveryMeasurementArrivesOnceAfterRestart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var observer = new TestObserver();
        var options = TestAgents.Options(broker.Port, TestAgents.NewStateDirectory());
        await using var agent = TestAgents.Create(options, observer);
        await agent.StartAsync();
        var taken = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add((await agent.MeasureAsync()).SampleId);
        }

        await observer.WaitForAcknowledgedAsync(3);
        await broker.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            var outcome = await agent.MeasureAsync();
            Assert.True(outcome.IsQueued);
            taken.Add(outcome.SampleId);
        }

        Assert.Equal(5, agent.QueueDepth);
        await broker.StartAgainAsync();
        await observer.WaitForAcknowledgedAsync(8);
        await cloud.WaitUntilAsync(() => taken.All(cloud.Received.ContainsKey));

        Assert.Equal(0, agent.QueueDepth);
        Assert.Equal(taken.Order(), cloud.Received.Keys.Order());
    }

    [RequiresToolFact("mosquitto")]
    public async Task Reboot_WithoutGracefulShutdown_NewAgentSendsEveryQueuedMeasurement()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await broker.StopAsync();
        var state = TestAgents.NewStateDirectory();
        var options = TestAgents.Options(broker.Port, state);
        var taken = new List<string>();
        var first = TestAgents.Create(options);
        await first.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            taken.Add((await first.MeasureAsync()).SampleId);
        }

        await first.DisposeAsync();
        Assert.Equal(AgentStopReason.Disposed, await first.Completion);

        await broker.StartAgainAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var observer = new TestObserver();
        await using var second = TestAgents.Create(options, observer);
        Assert.Equal(4, second.QueueDepth);
        await second.StartAsync();
        await observer.WaitForAcknowledgedAsync(4);
        await cloud.WaitUntilAsync(() => taken.All(cloud.Received.ContainsKey));

        Assert.Equal(0, second.QueueDepth);
        Assert.Equal(taken.Order(), cloud.Received.Keys.Order());
    }

    [RequiresToolFact("mosquitto")]
    public async Task Result_ForSentMeasurement_IsLoggedForTheOperator()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudResponder.StartAsync(broker.Port);
        var observer = new TestObserver();
        var logger = new ListLogger();
        await using var agent = TestAgents.Create(TestAgents.Options(broker.Port, TestAgents.NewStateDirectory()), observer, logger);
        await agent.StartAsync();
        var sampleId = (await agent.MeasureAsync()).SampleId;
        await observer.WaitForResultsAsync(1);

        Assert.True(logger.Contains($"result for {sampleId}: normal"));
        Assert.Contains(logger.Lines, l => l.Message.Contains("4.20 mPa·s at high shear", StringComparison.Ordinal));
    }
}
