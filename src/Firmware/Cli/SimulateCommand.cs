using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Fleet;
using Visco.Mqtt.Packets;

namespace Visco.Firmware.Cli;

/// <summary><c>visco-device simulate --devices N --hospitals H --rate R --duration D --broker host:port</c>: the fleet simulator.</summary>
public static class SimulateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "Simulated analysers", DefaultValueFactory = _ => 100 };
        var hospitals = new Option<int>("--hospitals") { Description = "Hospitals the generated ids are spread over", DefaultValueFactory = _ => 1 };
        var rate = new Option<double>("--rate") { Description = "Measurements per second across the fleet", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Seconds of measuring", DefaultValueFactory = _ => 30 };
        var drain = new Option<double>("--drain") { Description = "Seconds to wait for outstanding results afterwards", DefaultValueFactory = _ => 5 };
        var broker = new Option<string>("--broker") { Description = "host:port of the broker", DefaultValueFactory = _ => "127.0.0.1:1883" };
        var tls = new Option<bool>("--tls") { Description = "Connect over TLS" };
        var ca = new Option<FileInfo?>("--ca-file") { Description = "PEM CA of the broker certificate" };
        var credentials = new Option<DirectoryInfo?>("--credentials") { Description = "Credentials folder written by the silo" };
        var mqtt311 = new Option<bool>("--mqtt311") { Description = "Speak MQTT 3.1.1 instead of 5" };
        var concurrency = new Option<int>("--connect-concurrency") { Description = "Connects in progress at once", DefaultValueFactory = _ => 64 };
        var command = new Command("simulate", "Run a fleet of simulated analysers against a broker or silo")
        {
            devices, hospitals, rate, duration, drain, broker, tls, ca, credentials, mqtt311, concurrency,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var endpoint = parseResult.GetValue(broker)!;
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                await Console.Error.WriteLineAsync("visco-device: --broker must be host:port, for example 127.0.0.1:1883").ConfigureAwait(false);
                return 2;
            }

            var options = new FleetOptions
            {
                Devices = parseResult.GetValue(devices),
                Hospitals = parseResult.GetValue(hospitals),
                Rate = parseResult.GetValue(rate),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Drain = TimeSpan.FromSeconds(parseResult.GetValue(drain)),
                Host = endpoint[..colon],
                Port = port,
                Tls = parseResult.GetValue(tls),
                CaCertificateFile = parseResult.GetValue(ca)?.FullName,
                CredentialsFolder = parseResult.GetValue(credentials)?.FullName,
                ProtocolVersion = parseResult.GetValue(mqtt311) ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500,
                ConnectConcurrency = parseResult.GetValue(concurrency),
            };
            return await RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the fleet, showing live figures (a table on a terminal, plain lines otherwise) and a final summary.</summary>
    public static async Task<int> RunAsync(FleetOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"visco-device: {exception.Message}").ConfigureAwait(false);
            return 2;
        }

        // Ten thousand agents must not log a line each per result: the fleet logs warnings and errors only.
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        var simulator = new FleetSimulator(options, loggerFactory);
        var display = new FleetConsole(output);
        try
        {
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            var summary = await display.RunAsync(report => simulator.RunAsync(report, cancellationToken)).ConfigureAwait(false);
            display.WriteSummary(summary);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            display.WriteSummary(simulator.Snapshot(TimeSpan.Zero));
        }
        finally
        {
            await simulator.StopAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
