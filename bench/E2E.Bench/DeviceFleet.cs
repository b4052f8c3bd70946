using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Visco.Bench.Shared;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.E2E.Bench;

/// <summary>
/// N analysers, one MQTT 5 connection each (our <see cref="MqttClient"/>), authenticated with their registered id and
/// secret and subscribed to their results topic. Every measurement is QoS 1 with a unique sample id; the send time is
/// kept per device so both the PUBACK and the result on <c>devices/{id}/results</c> are timed from it.
/// </summary>
internal sealed class DeviceFleet : IAsyncDisposable
{
    private const int Ring = 4096;
    private readonly MqttClient[] _clients;
    private readonly string[] _topics;
    private readonly long[][] _sentAt;
    private readonly long[] _sequences;
    private readonly PayloadTemplates _payloads;
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private LatencyHistogram _ackLatency = new();
    private LatencyHistogram _resultLatency = new();
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _ackedInWindow;
    private long _resultsInWindow;
    private long _outstanding;

    private DeviceFleet(IReadOnlyList<DeviceCredential> devices, PayloadTemplates payloads)
    {
        _clients = new MqttClient[devices.Count];
        _payloads = payloads;
        _topics = [.. devices.Select(d => $"devices/{d.DeviceId}/measurements")];
        _sentAt = [.. devices.Select(_ => new long[Ring])];
        _sequences = new long[devices.Count];
    }

    public int Count => _clients.Length;

    public static async Task<DeviceFleet> ConnectAsync(string host, int port, IReadOnlyList<DeviceCredential> devices, bool persistent, PayloadTemplates payloads)
    {
        var fleet = new DeviceFleet(devices, payloads);
        for (var i = 0; i < devices.Count; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(50, devices.Count - i)).Select(async n =>
            {
                var device = devices[n];
                var client = new MqttClient(new MqttClientOptions
                {
                    Host = host,
                    Port = port,
                    ClientId = device.DeviceId,
                    UserName = device.DeviceId,
                    Password = Encoding.UTF8.GetBytes(device.Secret),
                    CleanStart = !persistent,
                    SessionExpiryInterval = persistent ? 3600u : 0u,
                    KeepAlive = TimeSpan.FromSeconds(120),
                    ConnectTimeout = TimeSpan.FromSeconds(60),
                });
                client.MessageReceived = fleet.OnResult;
                await client.ConnectAsync();
                await client.SubscribeAsync($"devices/{device.DeviceId}/results", MqttQualityOfService.AtLeastOnce);
                fleet._clients[n] = client;
            }));
        }

        return fleet;
    }

    /// <summary>Runs warm-up then the measured window at the options' rate (0 = flat out) and returns its figures.</summary>
    public async Task<RunResult> RunAsync(BenchOptions options, int? siloPid)
    {
        _ackLatency = new LatencyHistogram();
        _resultLatency = new LatencyHistogram();
        _errors.Clear();
        _ackedInWindow = 0;
        _resultsInWindow = 0;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        Volatile.Write(ref _windowStart, windowStart);
        Volatile.Write(ref _windowEnd, windowEnd);

        var load = options.Rate > 0 ? PacedAsync(options.Rate, start, windowEnd) : FlatOutAsync(options.Window, windowEnd);
        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowStart));
        var loadBefore = ProcessCpu.LoadAverage();
        var me = Process.GetCurrentProcess();
        var generatorBefore = me.TotalProcessorTime;
        var siloBefore = siloPid is { } pid ? ProcessCpu.Read(pid) : TimeSpan.Zero;
        // A PostgreSQL server on this machine shares the cores: its CPU is part of the cost of a measurement.
        var serverBefore = options.Provider == "postgres" ? ProcessCpu.ReadAllNamed("postgres") : null;
        await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), windowEnd));
        var siloCpu = siloPid is { } pid2 ? ProcessCpu.Read(pid2) - siloBefore : TimeSpan.Zero;
        var serverCpu = serverBefore is { } before ? ProcessCpu.ReadAllNamed("postgres") - before : null;
        me.Refresh();
        var generatorCpu = me.TotalProcessorTime - generatorBefore;
        var loadAfter = ProcessCpu.LoadAverage();
        await load;

        // Drain: what was sent in the window is timed to its end (an open loop must not drop the slow ones).
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref _outstanding) > 0 && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        while (_resultLatency.Count < _ackLatency.Count && drain.Elapsed < TimeSpan.FromSeconds(35))
        {
            await Task.Delay(50);
        }

        var seconds = options.Duration.TotalSeconds;
        var acked = Interlocked.Read(ref _ackedInWindow);
        return new RunResult
        {
            AckedPerSecond = acked / seconds,
            ResultsPerSecond = Interlocked.Read(ref _resultsInWindow) / seconds,
            Ack = Quantiles(_ackLatency),
            Result = Quantiles(_resultLatency),
            Errors = _errors.Values.Sum() + Interlocked.Read(ref _outstanding),
            ErrorDetail = string.Join(", ", _errors.Select(e => $"{e.Key} {e.Value}")) + (_outstanding > 0 ? $" unanswered {_outstanding}" : string.Empty),
            MissingResults = Math.Max(0, _ackLatency.Count - _resultLatency.Count),
            SiloCpuUs = siloPid is null ? double.NaN : siloCpu.TotalMicroseconds / Math.Max(1, acked),
            SiloCores = siloPid is null ? double.NaN : siloCpu.TotalSeconds / seconds,
            ServerCpuUs = serverCpu is { } server ? server.TotalMicroseconds / Math.Max(1, acked) : double.NaN,
            ServerCores = serverCpu is { } server2 ? server2.TotalSeconds / seconds : double.NaN,
            GeneratorCpuUs = generatorCpu.TotalMicroseconds / Math.Max(1, acked),
            GeneratorCores = generatorCpu.TotalSeconds / seconds,
            LoadBefore = loadBefore,
            LoadAfter = loadAfter,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_clients.Where(c => c is not null).Select(async c =>
        {
            try
            {
                await c.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception exception) when (exception is MqttConnectionClosedException or InvalidOperationException or IOException or TimeoutException)
            {
                // Already gone.
            }

            await c.DisposeAsync();
        }));
    }

    private static double[] Quantiles(LatencyHistogram h) => [h.PercentileMs(0.5), h.PercentileMs(0.9), h.PercentileMs(0.99), h.MaxMs];

    private async Task FlatOutAsync(int window, long stopAt)
    {
        async Task LoopAsync(int device)
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await SendAsync(device, Stopwatch.GetTimestamp());
            }
        }

        var loops = new List<Task>(_clients.Length * window);
        for (var w = 0; w < window; w++)
        {
            for (var d = 0; d < _clients.Length; d++)
            {
                loops.Add(LoopAsync(d));
            }
        }

        await Task.WhenAll(loops);
    }

    // Open loop: send k is due at start + k/rate whatever happened to the earlier ones, round robin over the devices,
    // and is timed from when it was due (no coordinated omission). One pacing thread; sends are asynchronous.
    private Task PacedAsync(double rate, long start, long stopAt)
    {
        var sends = new List<Task>();
        var thread = new Thread(() =>
        {
            PreciseSleep.TightenTimerSlack();
            var interval = Stopwatch.Frequency / rate;
            long k = 0;
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                long due;
                while ((due = start + (long)(k * interval)) <= now)
                {
                    if (due >= stopAt)
                    {
                        return;
                    }

                    var send = SendAsync((int)(k % _clients.Length), due);
                    if (!send.IsCompleted)
                    {
                        lock (sends)
                        {
                            sends.Add(send);
                        }
                    }

                    k++;
                }

                // Until the next send is due (Thread.Sleep(1) slept 1.06 ms or more, so sends left up to a millisecond
                // late and in bursts; the latency, timed from the due time, carried that).
                PreciseSleep.Until(start + (long)(k * interval));
            }
        })
        { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        return Task.Run(async () =>
        {
            thread.Join();
            Task[] all;
            lock (sends)
            {
                all = [.. sends];
            }

            await Task.WhenAll(all);
        });
    }

    private async Task SendAsync(int device, long due)
    {
        var sequence = Interlocked.Increment(ref _sequences[device]);
        _sentAt[device][sequence % Ring] = due;
        Interlocked.Increment(ref _outstanding);
        try
        {
            var result = await _clients[device].PublishAsync(new MqttApplicationMessage
            {
                Topic = _topics[device],
                Payload = _payloads.Payload(device, sequence),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
            });
            var now = Stopwatch.GetTimestamp();
            if (!result.IsSuccess)
            {
                Error($"PUBACK 0x{(byte)result.ReasonCode:X2}");
                return;
            }

            if (now >= _windowStart && now < _windowEnd)
            {
                Interlocked.Increment(ref _ackedInWindow);
            }

            if (due >= _windowStart && due < _windowEnd)
            {
                _ackLatency.Record(now - due);
            }
        }
        catch (Exception exception) when (exception is MqttConnectionClosedException or TimeoutException or IOException or InvalidOperationException)
        {
            Error(exception.GetType().Name);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    private ValueTask OnResult(MqttReceivedMessage message, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (!PayloadTemplates.TryParseSampleId(message.Payload.Span, out var device, out var sequence, out var isError)
            || (uint)device >= (uint)_sentAt.Length)
        {
            Error("unrecognised result");
            return ValueTask.CompletedTask;
        }

        if (isError)
        {
            Error("error result");
            return ValueTask.CompletedTask;
        }

        var due = _sentAt[device][sequence % Ring];
        if (now >= _windowStart && now < _windowEnd)
        {
            Interlocked.Increment(ref _resultsInWindow);
        }

        if (due >= _windowStart && due < _windowEnd)
        {
            _resultLatency.Record(now - due);
        }

        return ValueTask.CompletedTask;
    }

    private void Error(string kind) => _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
}
