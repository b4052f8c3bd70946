using Microsoft.Data.Sqlite;
using SQLitePCL;
using Visco.DomainStore.Sql;
using Visco.Grains.Interfaces.Results;

namespace Visco.DomainStore.Sqlite;

/// <summary>
/// Reads result rows (selected with <see cref="ResultColumns"/>) straight from SQLite's statement API. Every value read
/// through Microsoft.Data.Sqlite is a type check and a read (three calls for text), each a P/Invoke that takes a safe
/// handle and SQLite's connection mutex: about 2,000 calls for a page of 50, the largest part of an API read's CPU.
/// Here the column types are known from the schema, so a value is one call (text two) and only nullable columns are
/// type-checked; repeated text (model version, class, firmware, flags) is decoded once per query, not once per row.
/// </summary>
internal static partial class SqliteRowReader
{
    private const int BusyWait = 10;
    private const int BusyRetries = 3000;

    /// <summary>Runs <paramref name="sql"/> with its named parameters on <paramref name="connection"/> and reads every row.</summary>
    /// <exception cref="SqliteException">SQLite refused the statement.</exception>
    public static List<(StoredResult Result, long Id, long ReceivedAtMicros)> Read(
        SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, string hospitalId, string? deviceId, bool sweep,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        using var statement = Prepare(db, sql);
        var expected = 16;
        foreach (var (name, value) in parameters)
        {
            Bind(statement, db, raw.sqlite3_bind_parameter_index(statement, name), value);
            if (name == "@limit" && value is int limit)
            {
                expected = limit; // a page reads at most limit + 1 rows: sized once instead of grown (4 % of a read's bytes)
            }
        }

        var rows = new List<(StoredResult, long, long)>(expected);
        var texts = new TextColumns();
        var rc = Step(statement, db);
        while (rc == raw.SQLITE_ROW)
        {
            rows.Add(ReadRow(statement, hospitalId, deviceId, sweep, texts));
            rc = raw.sqlite3_step(statement);
        }

        if (rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }

        return rows;
    }

    private static (StoredResult, long, long) ReadRow(sqlite3_stmt s, string hospitalId, string? deviceId, bool sweep, TextColumns texts)
    {
        var received = raw.sqlite3_column_int64(s, 1);
        var flags = texts.Get(s, 12);
        var result = new StoredResult(
            hospitalId,
            deviceId ?? texts.Get(s, 2),
            Text(s, 3),
            UnixMicros.To(raw.sqlite3_column_int64(s, 4)),
            UnixMicros.To(received),
            UnixMicros.To(raw.sqlite3_column_int64(s, 5)),
            texts.Get(s, 6),
            Text(s, 7),
            NullableDouble(s, 8),
            NullableDouble(s, 9),
            texts.Get(s, 10),
            raw.sqlite3_column_double(s, 11),
            flags == "[]" ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(flags) ?? [],
            raw.sqlite3_column_double(s, 13),
            NullableDouble(s, 14),
            raw.sqlite3_column_type(s, 15) == raw.SQLITE_NULL ? null : texts.Get(s, 15),
            sweep ? Numbers(s, 16) : [],
            sweep ? Numbers(s, 17) : []);
        return (result, raw.sqlite3_column_int64(s, 0), received);
    }

    private static double? NullableDouble(sqlite3_stmt s, int column) =>
        raw.sqlite3_column_type(s, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_double(s, column);

    private static string Text(sqlite3_stmt s, int column) => raw.sqlite3_column_text(s, column).utf8_to_string() ?? string.Empty;

    // The sweep's arrays are parsed from SQLite's UTF-8 bytes: decoding them into a string first was the largest
    // allocation of an API read (two arrays of text per row, twice their size as UTF-16).
    private static double[] Numbers(sqlite3_stmt s, int column)
    {
        var json = raw.sqlite3_column_blob(s, column);
        return json.Length <= 2 ? [] : System.Text.Json.JsonSerializer.Deserialize<double[]>(json) ?? [];
    }

    // A reader can find the database busy while another connection holds a lock it needs (reading the schema at
    // prepare, the WAL index at the first step, e.g. during a migration or a checkpoint). Microsoft.Data.Sqlite retries
    // that for the command timeout; so does this, for as long (30 s). Nothing has been read yet, so a retry repeats nothing.
    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rc = raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement);
            if (rc == raw.SQLITE_OK)
            {
                return statement;
            }

            statement.Dispose();
            if (!IsBusy(rc) || attempt == BusyRetries)
            {
                Check(rc, db);
            }

            Thread.Sleep(BusyWait);
        }
    }

    private static int Step(sqlite3_stmt statement, sqlite3 db)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rc = raw.sqlite3_step(statement);
            if (!IsBusy(rc) || attempt == BusyRetries)
            {
                return rc;
            }

            raw.sqlite3_reset(statement);
            Thread.Sleep(BusyWait);
        }
    }

    private static bool IsBusy(int rc) => rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

    private static void Bind(sqlite3_stmt statement, sqlite3 db, int index, object? value)
    {
        if (index == 0)
        {
            throw new InvalidOperationException("The statement has no parameter of that name.");
        }

        Check(value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            double number => raw.sqlite3_bind_double(statement, index, number),
            _ => throw new ArgumentException($"A parameter of type {value.GetType().Name} cannot be bound here.", nameof(value)),
        }, db);
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>The last text read from each column, reused while the next row holds the same bytes.</summary>
    private sealed class TextColumns
    {
        private readonly byte[]?[] _bytes = new byte[]?[18];
        private readonly string?[] _texts = new string?[18];

        public string Get(sqlite3_stmt s, int column)
        {
            var span = Utf8(s, column);
            if (_bytes[column] is { } last && span.SequenceEqual(last))
            {
                return _texts[column]!;
            }

            var text = System.Text.Encoding.UTF8.GetString(span);
            _bytes[column] = span.ToArray();
            _texts[column] = text;
            return text;
        }
    }
}
