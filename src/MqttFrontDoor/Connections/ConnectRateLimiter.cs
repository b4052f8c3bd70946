using System.Collections.Concurrent;

namespace Visco.MqttFrontDoor.Connections;

/// <summary>
/// Connects per minute per client id (a device stuck in a reconnect loop, or a CONNECT flood under one id). Buckets
/// of ids not seen for a while are swept so the table stays bounded by the ids active in the last minutes.
/// </summary>
internal sealed class ConnectRateLimiter(int perMinute, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    public bool TryAcquire(string clientId)
    {
        Sweep();
        var entry = _entries.GetOrAdd(clientId, _ => new Entry(new TokenBucket(perMinute / 60.0, perMinute, time)));
        lock (entry)
        {
            entry.LastUsed = time.GetTimestamp();
            return entry.Bucket.TryTake();
        }
    }

    private void Sweep()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastSweep);
        if (time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1) || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (id, entry) in _entries)
        {
            if (time.GetElapsedTime(Interlocked.Read(ref entry.LastUsed), now) > TimeSpan.FromMinutes(2))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(id, entry));
            }
        }
    }

    private sealed class Entry(TokenBucket bucket)
    {
        public long LastUsed;

        public TokenBucket Bucket { get; } = bucket;
    }
}
