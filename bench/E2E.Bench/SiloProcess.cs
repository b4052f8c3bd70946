using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Visco.E2E.Bench;

/// <summary>
/// The real silo as a separate process (<c>dotnet Visco.Silo.dll</c>) on a fresh store: devices registered with its
/// <c>register-devices</c> verb first (one call per hospital), then started with MQTT on a free port (TLS off) and
/// HTTP on another, ready when <c>/readyz</c> answers 200 (the bootstrap model is loaded).
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SiloProcess(Process process, StreamWriter log, int mqttPort, int httpPort, string credentials)
    {
        _process = process;
        _log = log;
        MqttPort = mqttPort;
        HttpPort = httpPort;
        Credentials = credentials;
    }

    public int Pid => _process.Id;

    public int MqttPort { get; }

    public int HttpPort { get; }

    public string Credentials { get; }

    public static async Task<SiloProcess> StartAsync(BenchOptions options, FreshStore store)
    {
        var dll = Path.GetFullPath(options.SiloDll);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} not found: build it with `dotnet build -c Release src/Silo`, or give --silo");
        }

        var perHospital = options.Devices / options.Hospitals;
        for (var h = 0; h < options.Hospitals; h++)
        {
            var count = h < options.Hospitals - 1 ? perHospital : options.Devices - (perHospital * h);
            var hospital = $"h{h:D2}";
            var exit = await RunToEndAsync(dll, store, ["register-devices", "--data", store.DataDirectory, "--hospital", hospital, "--count", $"{count}", "--prefix", $"{hospital}-d"]);
            if (exit != 0)
            {
                throw new InvalidOperationException($"register-devices for {hospital} exited with {exit}; see {store.DataDirectory}/register.log");
            }
        }

        var mqttPort = FreePort();
        var httpPort = FreePort();
        string[] args =
        [
            dll,
            $"--Visco:DataDirectory={store.DataDirectory}",
            $"--Urls=http://127.0.0.1:{httpPort}",
            $"--Visco:Mqtt:TcpPort={mqttPort}",
            "--Visco:Mqtt:TlsPort=-1",
            "--Visco:Mqtt:ListenAddress=127.0.0.1",
            "--Logging:LogLevel:Default=Warning",
            .. options.SiloArgs,
        ];
        var log = new StreamWriter(Path.Combine(store.DataDirectory, "silo.log")) { AutoFlush = true };
        var process = Start(store, args, log);
        var silo = new SiloProcess(process, log, mqttPort, httpPort, Path.Combine(store.DataDirectory, "credentials"));
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(180));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully.
            using (var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with {_process.ExitCode} while starting; see its log silo.log in the data directory");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the silo was not ready within {timeout.TotalSeconds:F0} s");
    }

    private static async Task<int> RunToEndAsync(string dll, FreshStore store, string[] verb)
    {
        using var log = new StreamWriter(Path.Combine(store.DataDirectory, "register.log"), append: true) { AutoFlush = true };
        using var process = Start(store, [dll, .. verb], log);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static Process Start(FreshStore store, string[] args, StreamWriter log)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = store.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in store.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The run is over; late output is not needed.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
