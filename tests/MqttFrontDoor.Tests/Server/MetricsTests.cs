using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Visco.Mqtt.Packets;
using Visco.MqttFrontDoor.Diagnostics;
using Visco.MqttFrontDoor.Tests.Support;

namespace Visco.MqttFrontDoor.Tests.Server;

public sealed class MetricsTests
{
    [Fact]
    public async Task Meter_ConnectPublishRefuse_Counted()
    {
        var seen = new ConcurrentQueue<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MqttMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        await using var host = await FrontDoorHost.StartOpenAsync();
        var (client, _) = await RawMqttClient.ConnectAsync(host.Port, "metered");
        await using var _c = client;
        await client.PublishQos1Async("m", "x");
        var (bad, refused) = await RawMqttClient.ConnectAsync(host.Port, "bad+id");
        await using var _b = bad;
        Assert.Equal(MqttConnectReasonCode.ClientIdentifierNotValid, refused.ReasonCode);
        listener.RecordObservableInstruments();

        Assert.Contains(seen, m => m.Instrument == "visco.mqtt.connects" && m.Tags == "result=success");
        Assert.Contains(seen, m => m.Instrument == "visco.mqtt.rejected" && m.Tags == "reason=ClientIdentifierNotValid");
        Assert.Contains(seen, m => m.Instrument == "visco.mqtt.packets.in" && m.Tags == "type=PUBLISH");
        Assert.Contains(seen, m => m.Instrument == "visco.mqtt.bytes.out" && m.Tags == "type=PUBACK" && m.Value >= 4);
        Assert.Contains(seen, m => m.Instrument == "visco.mqtt.connections" && m.Tags == "listener=tcp" && m.Value >= 1);
    }
}
