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

    /// <summary>Writes every added append and sets each op's first sequence; the set is empty afterwards.</summary>
    public void Write(SqliteWriteStatements s)
    {
        foreach (var (stream, ops) in _byStream)
        {
            var total = 0;
            foreach (var op in ops)
            {
                total += op.Payloads.Length;
            }

            var last = (long)s.AdvanceHead.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, total).Scalar()!;
            var next = last - total + 1;
            foreach (var op in ops)
            {
                op.Result = next;
                next += op.Payloads.Length;
            }

            Insert(s, stream, ops, last - total + 1);
        }

        _byStream.Clear();
    }

    /// <summary>The events of one stream, consecutive sequences from <paramref name="first"/>, 32 per statement where
    /// 32 in a row share their enqueue time.</summary>
    private static void Insert(SqliteWriteStatements s, StreamId stream, List<StreamAppendOp> ops, long first)
    {
        var events = new List<(byte[] Payload, long At)>();
        foreach (var op in ops)
        {
            var at = op.EnqueuedAt.UtcTicks;
            foreach (var payload in op.Payloads)
            {
                events.Add((payload, at));
            }
        }

        const int many = SqliteWriteStatements.EventsPerInsert;
        var i = 0;
        while (i < events.Count)
        {
            if (i + many <= events.Count && SameTime(events, i, many))
            {
                var statement = s.InsertEvents.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, events[i].At).Set(3, first + i);
                for (var row = 0; row < many; row++)
                {
                    statement.Set(4 + row, events[i + row].Payload);
                }

                statement.Execute();
                i += many;
            }
            else
            {
                s.InsertEvent.Set(0, stream.Namespace).Set(1, stream.Key).Set(2, first + i).Set(3, events[i].Payload).Set(4, events[i].At).Execute();
                i++;
            }
        }
    }

    private static bool SameTime(List<(byte[] Payload, long At)> events, int start, int count)
    {
        var at = events[start].At;
        for (var i = start + 1; i < start + count; i++)
        {
            if (events[i].At != at)
            {
                return false;
            }
        }

        return true;
    }
}
