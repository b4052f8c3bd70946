using Visco.Firmware.Tests.Support;
using Visco.TestKit;

namespace Visco.Firmware.Tests;

/// <summary>
/// The agent's MQTT session: a new (or wiped) analyser starts a fresh one with clean start, so a session the broker
/// still keeps for its id is not handed to it; an agent that has connected before resumes its session, also after a reboot.
/// </summary>
public sealed class SessionTests
{
    private const string SessionPresent = "session present: True";
    private const string NoSessionPresent = "session present: False";

    [RequiresToolFact("mosquitto")]
    public async Task NewAgent_CleanStart_ThenRebootResumes_WipedStateStartsAfresh()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var deviceId = "an-" + Guid.NewGuid().ToString("N")[..8];
        var state = TestAgents.NewStateDirectory();

        // First start: nothing stored, so clean start; the broker keeps the persistent session it creates.
        var first = await ConnectOnceAsync(TestAgents.Options(broker.Port, state, deviceId));
        Assert.True(first.Contains(NoSessionPresent));

        // Reboot with the same state folder: the session is resumed.
        var rebooted = await ConnectOnceAsync(TestAgents.Options(broker.Port, state, deviceId));
        Assert.True(rebooted.Contains(SessionPresent));

        // A wiped (or replacement) analyser with the same id has no state: the old session is discarded, not resumed.
        var wiped = await ConnectOnceAsync(TestAgents.Options(broker.Port, TestAgents.NewStateDirectory(), deviceId));
        Assert.True(wiped.Contains(NoSessionPresent));
        Assert.False(wiped.Contains(SessionPresent));
    }

    /// <summary>Starts an agent, waits for its first connection, stops it; returns its log.</summary>
    private static async Task<ListLogger> ConnectOnceAsync(Visco.Firmware.Configuration.AgentOptions options)
    {
        var log = new ListLogger();
        var agent = TestAgents.Create(options, logger: log);
        await using (agent)
        {
            await agent.StartAsync();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!log.Contains("session present"))
            {
                Assert.True(DateTime.UtcNow < deadline, "the agent did not connect within 20 s");
                await Task.Delay(20);
            }
        }

        return log;
    }
}
