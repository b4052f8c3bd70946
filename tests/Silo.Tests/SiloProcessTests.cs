using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Visco.TestKit;

namespace Visco.Silo.Tests;

/// <summary>The silo as a real process: SIGTERM stops it gracefully.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("visco-silo-process-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [RequiresToolFact("kill")]
    public async Task Sigterm_RunningSilo_StopsGracefullyWithExitCodeZero()
    {
        var port = FreePort();
        var silo = Path.Combine(AppContext.BaseDirectory, "Visco.Silo.dll");
        string[] arguments =
        [
            silo, $"--Urls=http://127.0.0.1:{port}", $"--Visco:DataDirectory={_data}", "--Visco:Grains:BootstrapSweepCount=3000",
            $"--Visco:Mqtt:TcpPort={FreePort()}", $"--Visco:Mqtt:TlsPort={FreePort()}",
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
            await WaitUntilReadyAsync(port, TimeSpan.FromSeconds(60));

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

    private static async Task WaitUntilReadyAsync(int port, TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "the silo did not become ready");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
