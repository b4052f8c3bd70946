using Npgsql;

using NpgsqlTypes;

using Visco.Runtime.Storage.Operations;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>
/// Many state writes to distinct records sent as ONE statement over arrays (<c>unnest</c>), instead of one statement
/// each: the server plans and executes once per batch rather than per write, which is most of the cost of a write.
/// The statement returns only the writes that lost their ETag check, with the ETag stored before it ran. A record may
/// appear only once per group (a second write to it would see the first one's result), so the executor starts a new
/// group when a record repeats.
/// </summary>
internal sealed class PostgresStateWriteGroup
{
    public const string Sql =
        "WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[]) " +
        "WITH ORDINALITY AS t(grain_id, state_name, data, etag, expected, ord)), " +
        "ins AS (INSERT INTO grain_state (grain_id, state_name, data, etag, updated_at) " +
        "SELECT grain_id, state_name, data, etag, now() FROM input WHERE expected IS NULL " +
        "ON CONFLICT DO NOTHING RETURNING grain_id, state_name), " +
        "upd AS (UPDATE grain_state g SET data = i.data, etag = i.etag, updated_at = now() FROM input i " +
        "WHERE i.expected IS NOT NULL AND g.grain_id = i.grain_id AND g.state_name = i.state_name AND g.etag = i.expected " +
        "RETURNING g.grain_id, g.state_name) " +
        "SELECT i.ord, g.etag FROM input i LEFT JOIN grain_state g ON g.grain_id = i.grain_id AND g.state_name = i.state_name " +
        "WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.grain_id = i.grain_id AND ins.state_name = i.state_name) " +
        "AND NOT EXISTS (SELECT 1 FROM upd WHERE upd.grain_id = i.grain_id AND upd.state_name = i.state_name)";

    private readonly List<StateWriteOp> _writes = [];
    private readonly HashSet<(string, string)> _records = [];

    public int Count => _writes.Count;

    /// <summary>Adds <paramref name="write"/>; false when its record is already in the group.</summary>
    public bool TryAdd(StateWriteOp write)
    {
        if (!_records.Add((write.GrainId, write.StateName)))
        {
            return false;
        }

        _writes.Add(write);
        return true;
    }

    public NpgsqlBatchCommand ToCommand()
    {
        var grainIds = new string[_writes.Count];
        var stateNames = new string[_writes.Count];
        var data = new byte[_writes.Count][];
        var etags = new string[_writes.Count];
        var expected = new string?[_writes.Count];
        for (var i = 0; i < _writes.Count; i++)
        {
            var write = _writes[i];
            (grainIds[i], stateNames[i], data[i], etags[i], expected[i]) = (write.GrainId, write.StateName, write.Data, write.NewEtag, write.ExpectedEtag);
        }

        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = grainIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = stateNames, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = etags, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }

    /// <summary>Reads the conflicts the statement returned; every other write of the group succeeded.</summary>
    public async Task ReadResultsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        foreach (var write in _writes)
        {
            write.Result = write.NewEtag;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var write = _writes[(int)reader.GetInt64(0) - 1];
            var stored = reader.IsDBNull(1) ? null : reader.GetString(1);
            write.SetConflict(StorageErrors.Conflict(PostgresErrors.Provider, "write", write.GrainId, write.StateName, stored, write.ExpectedEtag));
        }
    }
}
