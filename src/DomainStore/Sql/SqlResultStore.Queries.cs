using System.Buffers;
using System.Data.Common;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sql;

/// <summary>
/// The queries, every one scoped by hospital first. Pages are read newest first by (received_at desc, id desc), the
/// order of the (hospital_id, received_at, id) and (hospital_id, device_id, received_at, id) indexes, so a page is an
/// index range scan that stops after limit + 1 rows.
/// </summary>
public abstract partial class SqlResultStore
{
    private const string PageFilter =
        " AND received_at >= @from AND received_at < @to AND (received_at < @cr OR (received_at = @cr AND id < @ci)) " +
        "ORDER BY received_at DESC, id DESC LIMIT @limit";

    /// <summary>The index of results by (hospital_id, received_at desc, id desc).</summary>
    protected const string HospitalReceivedIndex = "ix_results_hospital_received";

    /// <summary>The index of results by (hospital_id, device_id, received_at desc, id desc).</summary>
    protected const string DeviceReceivedIndex = "ix_results_device_received";

    /// <summary>The unique index of results by (sample_id, device_id).</summary>
    protected const string SampleDeviceIndex = "ux_results_sample_device";

    // The four page statements (by hospital or device, with or without the sweep), built once.
    private string[]? _pageStatements;
    private string? _sampleStatement;

    /// <summary>
    /// The FROM clause of a page query meant to be served by <paramref name="index"/>. The default leaves the choice to
    /// the planner; a provider whose planner picks the wrong index pins it (SQLite without statistics reads a device's
    /// page through the hospital's index, testing every row of the hospital for the device: 2x the cost per page).
    /// </summary>
    protected virtual string ResultsUsing(string index) => "results";

    /// <summary>The statement of a page (for query-plan tests).</summary>
    internal string PageStatement(bool byDevice, bool sweep) => PageStatements[(byDevice ? 2 : 0) + (sweep ? 1 : 0)];

    /// <summary>The statement of a sample's results (for query-plan tests).</summary>
    internal string SampleStatement => _sampleStatement ??=
        "SELECT " + ResultColumns.Select + " FROM " + ResultsUsing(SampleDeviceIndex) + " WHERE hospital_id = @h AND sample_id = @s";

    private string[] PageStatements => _pageStatements ??=
    [
        "SELECT " + ResultColumns.SelectWithoutSweep + " FROM " + ResultsUsing(HospitalReceivedIndex) + " WHERE hospital_id = @h" + PageFilter,
        "SELECT " + ResultColumns.Select + " FROM " + ResultsUsing(HospitalReceivedIndex) + " WHERE hospital_id = @h" + PageFilter,
        "SELECT " + ResultColumns.SelectWithoutSweep + " FROM " + ResultsUsing(DeviceReceivedIndex) + " WHERE hospital_id = @h AND device_id = @d" + PageFilter,
        "SELECT " + ResultColumns.Select + " FROM " + ResultsUsing(DeviceReceivedIndex) + " WHERE hospital_id = @h AND device_id = @d" + PageFilter,
    ];

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredResult>> FindBySampleAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default)
    {
        // No ORDER BY in SQL: a sample has a row per device that measured it, and ordering there led SQLite's planner
        // to walk the hospital's whole (hospital_id, received_at) index instead of looking the sample up.
        var rows = await QueryAsync(
            SampleStatement,
            [("@h", hospitalId), ("@s", sampleId)],
            hospitalId, null, sweep: true, cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => a.ReceivedAtMicros != b.ReceivedAtMicros ? a.ReceivedAtMicros.CompareTo(b.ReceivedAtMicros) : a.Id.CompareTo(b.Id));
        return Results(rows, rows.Count);
    }

    /// <inheritdoc />
    public Task<ResultPage> QueryByDeviceAsync(string hospitalId, string deviceId, ResultQuery query, CancellationToken cancellationToken = default) =>
        PageAsync(hospitalId, deviceId, query, cancellationToken);

    /// <inheritdoc />
    public Task<ResultPage> QueryByHospitalAsync(string hospitalId, ResultQuery query, CancellationToken cancellationToken = default) =>
        PageAsync(hospitalId, null, query, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredResult>> LatestPerDeviceAsync(string hospitalId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT " + ResultColumns.Select + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY device_id ORDER BY received_at DESC, id DESC) AS rn " +
            "FROM results WHERE hospital_id = @h) latest WHERE rn = 1 ORDER BY device_id",
            [("@h", hospitalId)],
            hospitalId, null, sweep: true, cancellationToken).ConfigureAwait(false);
        return Results(rows, rows.Count);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(
        string hospitalId, string? deviceId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM results WHERE hospital_id = @h " + (deviceId is null ? string.Empty : "AND device_id = @d ")
                + "AND received_at >= @from AND received_at < @to";
            Add(command, "@h", hospitalId);
            if (deviceId is not null)
            {
                Add(command, "@d", deviceId);
            }

            Add(command, "@from", from is null ? long.MinValue : UnixMicros.From(from.Value));
            Add(command, "@to", to is null ? long.MaxValue : UnixMicros.From(to.Value));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public async Task WriteDevicePageAsync(
        string hospitalId, string deviceId, ResultQuery query, IBufferWriter<byte> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (sql, parameters) = PageQuery(hospitalId, deviceId, query);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await WritePageJsonAsync(connection, sql, parameters, hospitalId, deviceId, query, output, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a page query on an open connection and writes the page as JSON (<see cref="ResultPage.WebJson"/>); a
    /// provider that can write its rows straight into JSON overrides it.
    /// </summary>
    private protected virtual async Task WritePageJsonAsync(
        DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId,
        ResultQuery query, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await ReadRowsAsync(connection, sql, parameters, hospitalId, deviceId, query.IncludeSweep, cancellationToken).ConfigureAwait(false);
        Page(rows, query.Limit).WriteJson(output);
    }

    private async Task<ResultPage> PageAsync(string hospitalId, string? deviceId, ResultQuery query, CancellationToken cancellationToken)
    {
        var (sql, parameters) = PageQuery(hospitalId, deviceId, query);
        var rows = await QueryAsync(sql, parameters, hospitalId, deviceId, query.IncludeSweep, cancellationToken).ConfigureAwait(false);
        return Page(rows, query.Limit);
    }

    private (string Sql, List<(string Name, object? Value)> Parameters) PageQuery(string hospitalId, string? deviceId, ResultQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > ResultQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"Limit must be between 1 and {ResultQuery.MaxLimit}.");
        }

        var (cursorReceived, cursorId) = query.Cursor is null ? (long.MaxValue, long.MaxValue) : ResultCursor.Decode(query.Cursor);
        List<(string, object?)> parameters =
        [
            ("@h", hospitalId),
            ("@from", query.From is null ? long.MinValue : UnixMicros.From(query.From.Value)),
            ("@to", query.To is null ? long.MaxValue : UnixMicros.From(query.To.Value)),
            ("@cr", cursorReceived),
            ("@ci", cursorId),
            ("@limit", query.Limit + 1),
        ];
        if (deviceId is not null)
        {
            parameters.Add(("@d", deviceId));
        }

        return (PageStatements[(deviceId is null ? 0 : 2) + (query.IncludeSweep ? 1 : 0)], parameters);
    }

    private static ResultPage Page(List<(StoredResult Result, long Id, long ReceivedAtMicros)> rows, int limit)
    {
        var count = Math.Min(rows.Count, limit);
        var next = rows.Count > limit ? ResultCursor.Encode(rows[count - 1].ReceivedAtMicros, rows[count - 1].Id) : null;
        return new ResultPage(Results(rows, count), next);
    }

    private static StoredResult[] Results(List<(StoredResult Result, long Id, long ReceivedAtMicros)> rows, int count)
    {
        var results = new StoredResult[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = rows[i].Result;
        }

        return results;
    }

    private async Task<List<(StoredResult Result, long Id, long ReceivedAtMicros)>> QueryAsync(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId, bool sweep,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadRowsAsync(connection, sql, parameters, hospitalId, deviceId, sweep, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a query selecting <see cref="ResultColumns"/> on an open connection and reads its rows; a provider with a
    /// cheaper way to read than ADO.NET's typed getters overrides it.
    /// </summary>
    private protected virtual async Task<List<(StoredResult Result, long Id, long ReceivedAtMicros)>> ReadRowsAsync(
        DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId, bool sweep,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        var rows = new List<(StoredResult, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ResultColumns.Read(reader, hospitalId, deviceId, sweep));
        }

        return rows;
    }
}
