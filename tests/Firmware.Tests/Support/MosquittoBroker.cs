using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Visco.TestKit;

namespace Visco.Firmware.Tests.Support;

/// <summary>A real mosquitto on a free loopback port with its own config in a temp folder; stop and start keep the port.</summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "visco-firmware-mosquitto", Guid.NewGuid().ToString("N"));
    private Process? _process;

    private MosquittoBroker(int port) => Port = port;

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>The mosquitto executable (PATH or /usr/sbin).</summary>
    public static string Executable => TestEnvironment.FindExecutable("mosquitto") ?? "/usr/sbin/mosquitto";

    /// <summary>Starts a broker on a free port.</summary>
    public static async Task<MosquittoBroker> StartAsync()
    {
        var broker = new MosquittoBroker(Loopback.FreePort());
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location {_directory}/\nautosave_interval 1\n{(Environment.UserName == "root" ? "user root\n" : string.Empty)}max_queued_messages 10000\nlog_dest none\n");
        // Logging off: an undrained log pipe fills after a few hundred connections and stalls the broker.
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", config]))!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops the broker with SIGTERM (an outage; mosquitto saves its sessions and queued messages).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Stops the broker and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        TemporaryDirectory.Delete(_directory);
    }
}
