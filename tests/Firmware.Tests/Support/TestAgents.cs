using Visco.Firmware.Agent;
using Visco.Firmware.Configuration;
using Visco.Firmware.Queue;
using Visco.Firmware.Sensors;

namespace Visco.Firmware.Tests.Support;

/// <summary>Builds agents for tests: a file queue in a temp state folder, the simulated viscometer, fast reconnects.</summary>
public static class TestAgents
{
    /// <summary>A fresh state folder.</summary>
    public static string NewStateDirectory() => Path.Combine(Path.GetTempPath(), "visco-firmware-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Options for a device on a local broker.</summary>
    public static AgentOptions Options(int port, string stateDirectory, string? deviceId = null) => new()
    {
        DeviceId = deviceId ?? "an-" + Guid.NewGuid().ToString("N")[..8],
        StateDirectory = stateDirectory,
        FirmwareVersion = "2.4.0",
        Broker = new BrokerOptions { Port = port, ReconnectInitialDelayMs = 100, ReconnectMaximumDelayMs = 500 },
        Queue = new QueueOptions { Capacity = 100 },
    };

    /// <summary>Creates (not starts) an agent with a file queue under the options' state folder.</summary>
    public static DeviceAgent Create(AgentOptions options, TestObserver? observer = null, ListLogger? logger = null, HttpClient? http = null)
    {
        var log = logger ?? new ListLogger();
        var queue = new FileMeasurementQueue(Path.Combine(options.StateDirectory, "queue"), options.Queue.Capacity, options.Queue.FullPolicy, log);
        return new DeviceAgent(options, new AgentServices(new SimulatedViscometer(3), queue, log)
        {
            Observer = observer,
            FirmwareHttp = http,
        });
    }
}
