using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Devices;

/// <summary>
/// The results of a device's most recent samples by sample id, evicting the oldest beyond the capacity. Used from
/// one grain's turns only, so it needs no lock.
/// </summary>
/// <remarks>
/// Every device keeps a window, and every result stays in it for the capacity's worth of measurements, so as objects
/// the windows of a fleet were most of what survived each young collection and all of what the collections after it
/// promoted (about six objects a result, reached from old dictionaries through the card table). Here a result is
/// encoded into a slot of the window's own byte array and the lookup is arrays of integers: remembering a result
/// allocates nothing the collector has to trace, and only a hit (a resend) decodes one. A result too large for a slot
/// (a very long sample id, many flags) is kept as it is.
/// </remarks>
internal sealed class DedupWindow
{
    // Bytes per slot: a typical result encodes in 150-200 (the input hash alone is 71).
    internal const int SlotBytes = 256;
    private const int InitialSlots = 8;
    private const int NoSlot = -1;
    private const int KeptAsIs = -1;

    private readonly int _capacity;
    private readonly int _bucketMask;
    private readonly int[] _buckets;
    private byte[] _arena = [];
    private int[] _lengths = [];
    private int[] _hashes = [];
    private int[] _next = [];
    private Dictionary<int, MeasurementResult>? _oversized;

    // Results ever added; the newest is in slot (_added - 1) % _capacity.
    private long _added;

    public DedupWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        var buckets = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity));
        _buckets = new int[buckets];
        _bucketMask = buckets - 1;
        Array.Fill(_buckets, NoSlot);
    }

    public int Count => (int)Math.Min(_added, _capacity);

    public bool TryGet(string sampleId, out MeasurementResult result)
    {
        var slot = Find(sampleId, Hash(sampleId));
        if (slot == NoSlot)
        {
            result = null!;
            return false;
        }

        result = Result(slot);
        return true;
    }

    public void Add(MeasurementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hash = Hash(result.SampleId);
        if (Find(result.SampleId, hash) != NoSlot)
        {
            return;
        }

        var slot = (int)(_added % _capacity);
        if (_added >= _capacity)
        {
            Unlink(slot);
        }
        else if (slot == _lengths.Length)
        {
            Grow();
        }

        _oversized?.Remove(slot);
        var written = ResultSlotCodec.TryEncode(result, _arena.AsSpan(slot * SlotBytes, SlotBytes));
        if (written < 0)
        {
            (_oversized ??= [])[slot] = result;
            written = KeptAsIs;
        }

        _lengths[slot] = written;
        _hashes[slot] = hash;
        ref var bucket = ref _buckets[hash & _bucketMask];
        _next[slot] = bucket;
        bucket = slot;
        _added++;
    }

    /// <summary>The newest <paramref name="count"/> results, oldest first.</summary>
    public List<MeasurementResult> Newest(int count)
    {
        var take = (int)Math.Min(Math.Max(0, count), Count);
        var newest = new List<MeasurementResult>(take);
        for (var i = _added - take; i < _added; i++)
        {
            newest.Add(Result((int)(i % _capacity)));
        }

        return newest;
    }

    // A fixed, process-independent hash is not needed (the window lives in memory only); the string's own randomized
    // hash also keeps a sender from choosing sample ids that share one bucket.
    private static int Hash(string sampleId) => sampleId.GetHashCode(StringComparison.Ordinal) & int.MaxValue;

    private int Find(string sampleId, int hash)
    {
        for (var slot = _buckets[hash & _bucketMask]; slot != NoSlot; slot = _next[slot])
        {
            if (_hashes[slot] == hash && (_lengths[slot] == KeptAsIs
                ? _oversized![slot].SampleId == sampleId
                : ResultSlotCodec.KeyEquals(_arena.AsSpan(slot * SlotBytes, _lengths[slot]), sampleId)))
            {
                return slot;
            }
        }

        return NoSlot;
    }

    private void Unlink(int slot)
    {
        ref var link = ref _buckets[_hashes[slot] & _bucketMask];
        while (link != slot)
        {
            link = ref _next[link];
        }

        link = _next[slot];
    }

    // Slots are taken in order until the window is full, so growing copies the slots in use and never moves one.
    private void Grow()
    {
        var slots = (int)Math.Min(_capacity, Math.Max(InitialSlots, 2L * _lengths.Length));
        var arena = new byte[slots * SlotBytes];
        _arena.CopyTo(arena, 0);
        _arena = arena;
        Array.Resize(ref _lengths, slots);
        Array.Resize(ref _hashes, slots);
        Array.Resize(ref _next, slots);
    }

    private MeasurementResult Result(int slot) =>
        _lengths[slot] == KeptAsIs ? _oversized![slot] : ResultSlotCodec.Decode(_arena.AsSpan(slot * SlotBytes, _lengths[slot]));
}
