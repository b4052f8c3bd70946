using System.CommandLine;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Agent;
using Visco.Firmware.Configuration;
using Visco.Firmware.Queue;
using Visco.Firmware.Sensors;

namespace Visco.Firmware.Cli;

/// <summary><c>visco-device run --config agent.json</c>: the analyser agent, until stopped, wiped or fatally misconfigured.</summary>
public static class RunCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The agent's JSON configuration file", Required = true };
        var command = new Command("run", "Run the analyser agent") { config };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(config)!.FullName, cancellationToken));
        return command;
    }

    /// <summary>Runs the agent; a reboot command starts a fresh agent on the same state, as a restarted process would.</summary>
    public static async Task<int> RunAsync(string configPath, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
        var logger = loggerFactory.CreateLogger("Visco.Firmware");
        AgentOptions options;
        try
        {
            options = AgentOptionsLoader.Load(configPath);
        }
        catch (AgentConfigurationException exception)
        {
            Console.Error.WriteLine($"visco-device: {exception.Message}");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        while (true)
        {
            using var queue = new FileMeasurementQueue(Path.Combine(options.StateDirectory, "queue"), options.Queue.Capacity, options.Queue.FullPolicy, logger);
            var services = new AgentServices(new SimulatedViscometer(options.SimulatorSeed), queue, logger) { FirmwareHttp = http };
            var agent = new DeviceAgent(options, services);
            await using (agent.ConfigureAwait(false))
            {
                await agent.StartAsync(cancellationToken).ConfigureAwait(false);
                var stopped = await Task.WhenAny(agent.Completion, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                if (stopped != agent.Completion)
                {
                    await agent.StopAsync().ConfigureAwait(false);
                    return 0;
                }

                var reason = await agent.Completion.ConfigureAwait(false);
                if (reason != AgentStopReason.Reboot)
                {
                    return 0;
                }
            }
        }
    }
}
