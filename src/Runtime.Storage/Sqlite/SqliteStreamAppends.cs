using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// A batch's appends, coalesced per stream and written at the end of the batch: one head update per stream and
/// <see cref="SqliteWriteStatements.EventsPerInsert"/> events per insert, where appending one event at a time (a
/// device grain's measurement) cost a head update and a single-row insert per event. Sequences are assigned in the
/// batch's order, so a stream's events keep their order; across streams positions may follow another order than the
/// ops', which nothing relies on (the batch commits as a whole, and a trim in the same batch only removes positions
/// already stored before it).
/// </summary>
internal sealed class SqliteStreamAppends
{
    private readonly Dictionary<StreamId, List<StreamAppendOp>> _byStream = [];

    public void Add(StreamAppendOp append)
    {
        if (!_byStream.TryGetValue(append.Stream, out var ops))
        {
            _byStream[append.Stream] = ops = [];
        }

        ops.Add(append);
    }

    /// <summary>Forgets the added appends (their batch failed before <see cref="Write"/>).</summary>
    public void Clear() => _byStream.Clear();

    /// <summary>
    /// Writes every added append, stored at <paramref name="now"/> (the batch's time, as state writes are: one time
    /// for the whole batch lets its events go 32 to an insert), and sets each op's first sequence; the set is empty
    /// afterwards.
    /// </summary>
    public void Write(SqliteWriteStatements s, long now)
    {
        foreach (var (stream, ops) in _byStream)
        {
            var payloads = ops.SelectMany(op => op.Payloads).ToArray();
            var last = (long)s.AdvanceHead.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, payloads.Length).Scalar()!;
            var first = last - payloads.Length + 1;
            var next = first;
            foreach (var op in ops)
            {
                op.Result = next;
                next += op.Payloads.Length;
            }

            Insert(s, stream, payloads, first, now);
        }

        _byStream.Clear();
    }

    /// <summary>One stream's events, consecutive sequences from <paramref name="first"/>, 32 per statement.</summary>
    private static void Insert(SqliteWriteStatements s, StreamId stream, byte[][] payloads, long first, long now)
    {
        const int many = SqliteWriteStatements.EventsPerInsert;
        var i = 0;
        if (payloads.Length >= many)
        {
            var statement = s.InsertEvents.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, now);
            for (; i + many <= payloads.Length; i += many)
            {
                statement.Set(3, first + i);
                for (var row = 0; row < many; row++)
                {
                    statement.Set(4 + row, payloads[i + row]);
                }

                statement.Execute();
            }
        }

        s.InsertEvent.Set(0, stream.Namespace).Set(1, stream.Key).Set(4, now);
        for (; i < payloads.Length; i++)
        {
            s.InsertEvent.Set(2, first + i).Set(3, payloads[i]).Execute();
        }
    }
}
