using Npgsql;

using NpgsqlTypes;

using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// A batch's appends to one stream sent as ONE statement (one head update, one insert over <c>unnest</c>), where a
/// device grain's measurement was a statement of its own. Sequences follow the order the appends were queued, so the
/// stream keeps its order; the executor puts the groups at the end of the batch (positions across streams may then
/// follow another order than the ops', which nothing relies on: the batch commits as a whole).
/// </summary>
internal sealed class PostgresAppendGroup(StreamId stream)
{
    public const string Sql =
        "WITH h AS (INSERT INTO stream_heads (stream_namespace, stream_key, last_sequence) VALUES ($1, $2, $3) " +
        "ON CONFLICT (stream_namespace, stream_key) DO UPDATE SET last_sequence = stream_heads.last_sequence + excluded.last_sequence " +
        "RETURNING last_sequence), " +
        "e AS (INSERT INTO stream_events (stream_namespace, stream_key, sequence, payload, enqueued_at) " +
        "SELECT $1, $2, h.last_sequence - $3 + p.ord, p.payload, p.at FROM h, " +
        "unnest($4::bytea[], $5::timestamptz[]) WITH ORDINALITY AS p(payload, at, ord) ORDER BY p.ord RETURNING sequence) " +
        "SELECT min(sequence) FROM e";

    private readonly List<StreamAppendOp> _appends = [];

    public void Add(StreamAppendOp append) => _appends.Add(append);

    public NpgsqlBatchCommand ToCommand()
    {
        var payloads = new List<byte[]>();
        var times = new List<DateTimeOffset>();
        foreach (var append in _appends)
        {
            foreach (var payload in append.Payloads)
            {
                payloads.Add(payload);
                times.Add(append.EnqueuedAt);
            }
        }

        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = stream.Namespace });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = stream.Key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payloads.Count });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. payloads], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. times], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        return command;
    }

    /// <summary>Reads the first sequence of the group and gives each append its own.</summary>
    public async Task ReadResultsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var next = reader.GetInt64(0);
        foreach (var append in _appends)
        {
            append.Result = next;
            next += append.Payloads.Length;
        }
    }
}
