using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Visco.MqttFrontDoor.Diagnostics;

/// <summary>The front door's instruments on the meter <see cref="MeterName"/>.</summary>
public sealed class MqttMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Visco.Mqtt";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, StrongBox> _connections = new(StringComparer.Ordinal);
    private readonly Counter<long> _connects;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _packetsIn;
    private readonly Counter<long> _packetsOut;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _rejected;
    private long _inflight;
    private long _queued;

    /// <summary>Creates the instruments, from the host's meter factory when there is one.</summary>
    public MqttMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("visco.mqtt.connections", ObserveConnections, "{connection}", "Open connections per listener.");
        _connects = _meter.CreateCounter<long>("visco.mqtt.connects", "{connect}", "CONNECTs answered, by result.");
        _disconnects = _meter.CreateCounter<long>("visco.mqtt.disconnects", "{disconnect}", "Connections ended, by reason.");
        _packetsIn = _meter.CreateCounter<long>("visco.mqtt.packets.in", "{packet}", "Packets received, by type.");
        _packetsOut = _meter.CreateCounter<long>("visco.mqtt.packets.out", "{packet}", "Packets sent, by type.");
        _bytesIn = _meter.CreateCounter<long>("visco.mqtt.bytes.in", "By", "Bytes received, by packet type.");
        _bytesOut = _meter.CreateCounter<long>("visco.mqtt.bytes.out", "By", "Bytes sent, by packet type.");
        _rejected = _meter.CreateCounter<long>("visco.mqtt.rejected", "{packet}", "Packets or connects refused, by reason.");
        _meter.CreateObservableGauge("visco.mqtt.inflight", () => Volatile.Read(ref _inflight), "{message}", "Outbound QoS 1/2 messages awaiting acknowledgement.");
        _meter.CreateObservableGauge("visco.mqtt.queued", () => Volatile.Read(ref _queued), "{message}", "Messages queued in sessions.");
    }

    /// <summary>Open connections summed over listeners.</summary>
    public long OpenConnections => _connections.Values.Sum(b => Volatile.Read(ref b.Value));

    /// <summary>Outbound messages awaiting acknowledgement.</summary>
    public long Inflight => Volatile.Read(ref _inflight);

    /// <summary>Messages queued in sessions.</summary>
    public long Queued => Volatile.Read(ref _queued);

    /// <summary>Records a connection opened (+1) or closed (-1) on a listener.</summary>
    public void ConnectionOpened(string listener, int delta) =>
        Interlocked.Add(ref _connections.GetOrAdd(listener, _ => new StrongBox()).Value, delta);

    /// <summary>Records a CONNECT answered with a result.</summary>
    public void Connect(string result) => _connects.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Records a connection ended with a reason.</summary>
    public void Disconnect(string reason) => _disconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Records a packet received.</summary>
    public void PacketIn(string type, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("type", type);
        _packetsIn.Add(1, tag);
        _bytesIn.Add(bytes, tag);
    }

    /// <summary>Records a packet sent.</summary>
    public void PacketOut(string type, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("type", type);
        _packetsOut.Add(1, tag);
        _bytesOut.Add(bytes, tag);
    }

    /// <summary>Records a refusal with its reason.</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Adjusts the inflight count.</summary>
    public void InflightChanged(int delta) => Interlocked.Add(ref _inflight, delta);

    /// <summary>Adjusts the queued count.</summary>
    public void QueuedChanged(int delta) => Interlocked.Add(ref _queued, delta);

    /// <summary>Disposes the meter.</summary>
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveConnections() =>
        _connections.Select(p => new Measurement<long>(Volatile.Read(ref p.Value.Value), new KeyValuePair<string, object?>("listener", p.Key)));

    private sealed class StrongBox
    {
        public long Value;
    }
}
