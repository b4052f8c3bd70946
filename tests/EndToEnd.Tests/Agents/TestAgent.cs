extern alias firmware;

using firmware::Visco.Firmware.Agent;
using firmware::Visco.Firmware.Configuration;
using firmware::Visco.Firmware.Queue;
using firmware::Visco.Firmware.Sensors;
using Visco.TestKit;

namespace Visco.EndToEnd.Tests.Agents;

/// <summary>
/// One analyser agent as <c>visco-device run</c> builds it (file queue under its state folder, the simulated
/// viscometer), with a log and a probe for the test to watch.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private TestAgent(AgentOptions options, DeviceAgent agent, FileMeasurementQueue queue, AgentLog log, AgentProbe probe)
    {
        Options = options;
        Agent = agent;
        Queue = queue;
        Log = log;
        Probe = probe;
    }

    /// <summary>The agent's options.</summary>
    public AgentOptions Options { get; }

    /// <summary>The agent.</summary>
    public DeviceAgent Agent { get; }

    /// <summary>Its store-and-forward queue.</summary>
    public FileMeasurementQueue Queue { get; }

    /// <summary>Its log lines.</summary>
    public AgentLog Log { get; }

    /// <summary>Its counters.</summary>
    public AgentProbe Probe { get; }

    /// <summary>A fresh state folder for an agent.</summary>
    public static string NewStateDirectory() => TemporaryDirectory.CreateForProcess("visco-e2e-agent-");

    /// <summary>Builds (does not start) an agent; the queue lives under <c>{stateDirectory}/queue</c> as on an analyser.</summary>
    public static TestAgent Create(AgentOptions options, TimeProvider? time = null)
    {
        var log = new AgentLog();
        var probe = new AgentProbe();
        var queue = new FileMeasurementQueue(Path.Combine(options.StateDirectory, "queue"), options.Queue.Capacity, options.Queue.FullPolicy, log);
        var agent = new DeviceAgent(options, new AgentServices(new SimulatedViscometer(11), queue, log) { Observer = probe, Time = time ?? TimeProvider.System });
        return new TestAgent(options, agent, queue, log, probe);
    }

    /// <summary>Stops the agent as a crash would and releases the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Queue.Dispose();
    }
}
