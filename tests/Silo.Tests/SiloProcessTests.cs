using System.Diagnostics;
using System.Net;
using Visco.TestKit;

namespace Visco.Silo.Tests;

/// <summary>The silo as a real process: SIGTERM stops it gracefully.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-silo-process-").FullName;

    public void Dispose() => TemporaryDirectory.Delete(_data);

    [RequiresToolFact("kill")]
    public async Task Sigterm_RunningSilo_StopsGracefullyWithExitCodeZero()
    {
        // Every port is 0: the OS picks them as the silo binds, and the test reads the HTTP one from Kestrel's log line,
        // so no port picked in advance can be taken by someone else in between.
        var silo = Path.Combine(AppContext.BaseDirectory, "Visco.Silo.dll");
        string[] arguments =
        [
            silo, "--Urls=http://127.0.0.1:0", $"--Visco:DataDirectory={_data}", "--Visco:Grains:BootstrapSweepCount=3000",
            "--Visco:Mqtt:TcpPort=0", "--Visco:Mqtt:TlsPort=0",
        ];
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data,
        };
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            output.Enqueue(e.Data ?? string.Empty);
            if (ListeningOn(e.Data) is { } address)
            {
                listening.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(60))) != listening.Task)
            {
                Assert.Fail("The silo never said where it listens. Its output:\n" + string.Join('\n', output));
            }

            using (var client = new HttpClient { BaseAddress = await listening.Task })
            {
                Assert.Equal(HttpStatusCode.OK, await Loopback.WaitUntilReadyAsync(client, TimeSpan.FromSeconds(60)));
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.Contains(output, line => line.Contains("Silo stopping", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    // Kestrel's "Now listening on: http://127.0.0.1:41234".
    private static Uri? ListeningOn(string? line)
    {
        const string marker = "Now listening on: ";
        var at = line?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : new Uri(line![(at + marker.Length)..].Trim());
    }
}
