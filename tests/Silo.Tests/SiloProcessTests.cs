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
        var port = Loopback.FreePort();
        var silo = Path.Combine(AppContext.BaseDirectory, "Visco.Silo.dll");
        string[] arguments =
        [
            silo, $"--Urls=http://127.0.0.1:{port}", $"--Visco:DataDirectory={_data}", "--Visco:Grains:BootstrapSweepCount=3000",
            $"--Visco:Mqtt:TcpPort={Loopback.FreePort()}", $"--Visco:Mqtt:TlsPort={Loopback.FreePort()}",
        ];
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data,
        };
        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
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
}
