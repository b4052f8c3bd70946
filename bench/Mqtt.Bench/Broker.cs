using System.Diagnostics;
using System.Net.Sockets;

namespace Visco.Mqtt.Bench;

/// <summary>A broker process under test (ours or mosquitto): started, probed for its port, measured, killed.</summary>
internal sealed class Broker(string name, Process process, int port) : IDisposable
{
    public string Name { get; } = name;

    public int Port { get; } = port;

    public static async Task<Broker> StartOursAsync(int port, int connectTimeoutSeconds, bool inlineScheduling)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "server", "--port", port.ToString(), "--connect-timeout", connectTimeoutSeconds.ToString() }.Concat(inlineScheduling ? ["--inline"] : Array.Empty<string>()))
        {
            info.ArgumentList.Add(argument);
        }

        var broker = new Broker("ours", Process.Start(info)!, port);
        await broker.WaitForPortAsync();
        return broker;
    }

    public static async Task<Broker> StartMosquittoAsync(int port)
    {
        var config = Path.Combine(Path.GetTempPath(), $"mqtt-bench-mosquitto-{port}.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_connections -1
            max_inflight_messages 20
            max_queued_messages 1000
            log_type error

            """);
        var info = new ProcessStartInfo("/usr/sbin/mosquitto") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var broker = new Broker("mosquitto", Process.Start(info)!, port);
        await broker.WaitForPortAsync();
        return broker;
    }

    /// <summary>Resident memory of the broker process, MB.</summary>
    public double ResidentMb()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
            }
        }

        return double.NaN;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private async Task WaitForPortAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{Name} did not open port {Port}");
    }
}
