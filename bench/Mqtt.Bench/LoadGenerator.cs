using System.Diagnostics;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.Mqtt.Bench;

/// <summary>
/// QoS 1 publish→PUBACK load on our MqttClient: N connections, open loop at a fixed total rate (latency from the
/// scheduled send time, so a stalled broker cannot hide its stall) or flat out with a window per connection.
/// </summary>
internal static class LoadGenerator
{
    private static int _run;

    public static async Task<List<MqttClient>> ConnectAsync(LoadSettings settings, int count, string prefix)
    {
        var clients = new List<MqttClient>(count);
        var run = Interlocked.Increment(ref _run);
        for (var i = 0; i < count; i += 200)
        {
            var batch = Enumerable.Range(i, Math.Min(200, count - i)).Select(async n =>
            {
                var id = $"dev-{prefix}{run}-{n}";
                var client = new MqttClient(new MqttClientOptions
                {
                    Host = settings.Host,
                    Port = settings.Port,
                    ClientId = id,
                    UserName = settings.DeviceAuth ? id : null,
                    Password = settings.DeviceAuth ? System.Text.Encoding.UTF8.GetBytes(BenchDeviceDirectory.Secret) : null,
                    KeepAlive = TimeSpan.FromSeconds(300),
                    ConnectTimeout = TimeSpan.FromSeconds(60),
                });
                await client.ConnectAsync();
                return client;
            });
            clients.AddRange(await Task.WhenAll(batch));
        }

        return clients;
    }

    public static async Task<LoadResult> RunAsync(LoadSettings settings)
    {
        var clients = await ConnectAsync(settings, settings.Connections, "load");
        try
        {
            var payload = new byte[settings.PayloadSize];
            Random.Shared.NextBytes(payload);
            await MeasureAsync(clients, settings with { Duration = TimeSpan.FromSeconds(1) }, payload, new LatencyHistogram());
            var histogram = new LatencyHistogram();
            var (completed, errors) = await MeasureAsync(clients, settings, payload, histogram);
            return new LoadResult(completed / settings.Duration.TotalSeconds, histogram.PercentileMs(0.5), histogram.PercentileMs(0.9), histogram.PercentileMs(0.99), histogram.PercentileMs(0.999), errors);
        }
        finally
        {
            await Task.WhenAll(clients.Select(async c =>
            {
                try
                {
                    await c.DisconnectAsync();
                }
                catch (Exception exception) when (exception is MqttConnectionClosedException or InvalidOperationException or IOException)
                {
                    // Already gone.
                }

                await c.DisposeAsync();
            }));
        }
    }

    private static async Task<(long Completed, long Errors)> MeasureAsync(List<MqttClient> clients, LoadSettings settings, byte[] payload, LatencyHistogram histogram)
    {
        long completed = 0;
        long errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var stopAt = settings.Duration;
        async Task PublishAsync(MqttClient client, string topic, TimeSpan scheduled)
        {
            try
            {
                var result = await client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce });
                if (!result.IsSuccess)
                {
                    Interlocked.Increment(ref errors);
                    return;
                }

                histogram.Record(stopwatch.Elapsed - scheduled);
                Interlocked.Increment(ref completed);
            }
            catch (Exception exception) when (exception is MqttConnectionClosedException or TimeoutException or IOException)
            {
                Interlocked.Increment(ref errors);
            }
        }

        string Topic(MqttClient client) => settings.DeviceAuth ? $"devices/{client.ClientId}/measurements" : $"bench/{client.ClientId}";

        var tasks = new List<Task>();
        if (settings.Rate <= 0)
        {
            foreach (var client in clients)
            {
                var topic = Topic(client);
                for (var w = 0; w < settings.Window; w++)
                {
                    tasks.Add(Task.Run(async () =>
                    {
                        while (stopwatch.Elapsed < stopAt)
                        {
                            await PublishAsync(client, topic, stopwatch.Elapsed);
                        }
                    }));
                }
            }
        }
        else
        {
            var interval = TimeSpan.FromSeconds(clients.Count / settings.Rate);
            foreach (var client in clients)
            {
                var topic = Topic(client);
                tasks.Add(Task.Run(async () =>
                {
                    var outstanding = new List<Task>();
                    var next = TimeSpan.FromTicks(Random.Shared.NextInt64(interval.Ticks));
                    while (next < stopAt)
                    {
                        while (next <= stopwatch.Elapsed && next < stopAt)
                        {
                            outstanding.Add(PublishAsync(client, topic, next));
                            next += interval;
                        }

                        outstanding.RemoveAll(t => t.IsCompleted);
                        await Task.Delay(1);
                    }

                    await Task.WhenAll(outstanding);
                }));
            }
        }

        await Task.WhenAll(tasks);
        return (Interlocked.Read(ref completed), Interlocked.Read(ref errors));
    }
}
