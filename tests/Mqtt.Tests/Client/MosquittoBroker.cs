using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Visco.TestKit;

namespace Visco.Mqtt.Tests.Client;

/// <summary>
/// A real mosquitto broker on a free loopback port with its own config in a temporary folder, started once for the
/// interop tests and stopped after them. Does nothing when mosquitto is not installed (the tests then skip).
/// </summary>
public sealed class MosquittoBroker : IAsyncLifetime
{
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _folder;

    /// <summary>The port the broker listens on, at 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = TestEnvironment.FindExecutable("mosquitto");
        if (executable is null)
        {
            return;
        }

        Port = Loopback.FreePort();
        _folder = Directory.CreateTempSubdirectory("visco-mosquitto-").FullName;
        var config = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"listener {Port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            string.Empty));

        _process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-c", config])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" running", StringComparison.Ordinal) == true)
            {
                _running.TrySetResult();
            }
        };
        _process.Exited += (_, _) => _running.TrySetException(new InvalidOperationException("mosquitto exited during start-up"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await _running.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            _process.Dispose();
        }

        if (_folder is not null)
        {
            TemporaryDirectory.Delete(_folder);
        }
    }
}
