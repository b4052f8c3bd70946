using System.Data.Common;
using System.Globalization;
using System.Text;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.DomainStore.Sql;

/// <summary>
/// Writing a group: by default multi-row inserts, one round trip per chunk, with RETURNING telling which rows were new
/// (a server database). A provider with a cheaper way overrides <see cref="InsertAsync"/>.
/// </summary>
public abstract partial class SqlResultStore
{
    private const int MultiRowChunk = 200;
    private const int ColumnCount = 18;

    /// <summary>
    /// Inserts every batch of a group in the open transaction, skipping rows whose (device, sample) is stored already
    /// or came earlier in the group; returns how many rows of each batch were new.
    /// </summary>
    protected virtual async Task<int[]> InsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IReadOnlyList<MeasurementRecorded>> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(batches);
        var rows = batches.SelectMany((events, index) => events.Select(e => (Index: index, Event: e))).ToList();
        var inserted = new HashSet<(string DeviceId, string SampleId)>();
        var prefix = Insert[..(Insert.IndexOf("VALUES", StringComparison.Ordinal) + "VALUES".Length)];
        for (var offset = 0; offset < rows.Count; offset += MultiRowChunk)
        {
            var chunk = rows.GetRange(offset, Math.Min(MultiRowChunk, rows.Count - offset));
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(prefix, prefix.Length + (chunk.Count * ColumnCount * 7) + 96);
            for (var r = 0; r < chunk.Count; r++)
            {
                sql.Append(r == 0 ? " (" : ", (");
                var values = Values(chunk[r].Event);
                for (var c = 0; c < ColumnCount; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{(r * ColumnCount) + c}");
                    sql.Append(c == 0 ? string.Empty : ", ").Append(name);
                    Add(command, name, values[c]);
                }

                sql.Append(')');
            }

            sql.Append(" ON CONFLICT (device_id, sample_id) DO NOTHING RETURNING device_id, sample_id");
            command.CommandText = sql.ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // A sample sent twice within one group is new only once: the first claim takes it.
        var counts = new int[batches.Count];
        foreach (var (index, recorded) in rows)
        {
            if (inserted.Remove((recorded.DeviceId, recorded.Sweep.SampleId)))
            {
                counts[index]++;
            }
        }

        return counts;
    }
}
