namespace Visco.Runtime.Streams;

/// <summary>
/// How many events the lanes may hold in memory, each and together. Past it, a lane keeps only a note that more
/// events exist and re-reads them from storage when it gets there, so memory stays bounded whatever a stuck
/// subscriber does.
/// </summary>
internal sealed class StreamBufferBudget(int perLane, int total)
{
    private int _held;

    /// <summary>Events held now, by all lanes.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Takes a slot for a lane holding <paramref name="laneHolds"/> events; false when there is no room.</summary>
    public bool TryTake(int laneHolds)
    {
        if (laneHolds >= perLane || Volatile.Read(ref _held) >= total)
        {
            return false;
        }

        Interlocked.Increment(ref _held);
        return true;
    }

    /// <summary>Gives back slots of events a lane dropped from its buffer.</summary>
    public void Return(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _held, -count);
        }
    }
}
