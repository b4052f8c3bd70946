using System.Collections.Concurrent;
using System.Diagnostics;
using Visco.Bench.Shared;
using Visco.Grains.Interfaces.Ingress;

namespace Visco.Api.Bench;

/// <summary>
/// The measurement path's load beside the API reads: paced submissions through <see cref="IDeviceMessageHandler"/>
/// (what the MQTT front door calls), so results are stored, projected and fed live while the API is measured.
/// </summary>
internal sealed class MeasurementLoad(IDeviceMessageHandler handler, string hospitalId, IReadOnlyList<string> devices, int rate)
{
    private readonly PayloadTemplates _templates = new(1024, 4242);
    private long _accepted;
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.Ordinal);

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Refused submissions by reason, so a bench run that measured refusals says so.</summary>
    public IReadOnlyDictionary<string, int> Refusals => _refusals;

    /// <summary>Submits <c>rate</c> measurements per second until cancelled, open loop.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        if (rate <= 0)
        {
            return;
        }

        var inFlight = new List<Task>();
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var issued = 0L;
        while (!stopping.IsCancellationRequested)
        {
            var due = (long)((Stopwatch.GetTimestamp() - start) / interval);
            for (; issued < due; issued++)
            {
                inFlight.Add(SubmitAsync(issued));
            }

            inFlight.RemoveAll(task => task.IsCompleted);
            await Task.Delay(1, CancellationToken.None);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SubmitAsync(long n)
    {
        await Task.Yield();
        var device = devices[(int)(n % devices.Count)];
        var answer = await handler.HandleAsync(new DeviceMessage(
            device, hospitalId, DeviceMessageKind.Measurement, null, _templates.Payload($"load-{n}", (int)n), DateTimeOffset.UtcNow, 5));
        if (answer.Status == DeviceMessageStatus.Accepted)
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            _refusals.AddOrUpdate($"{answer.Status}: {answer.Reason}", 1, (_, count) => count + 1);
        }
    }
}
