using Microsoft.Data.Sqlite;

namespace Visco.Runtime.Storage.Sqlite;

/// <summary>
/// A command compiled once and reused with new parameter values: SQLite keeps the prepared statement, so a batch of
/// a thousand writes parses its SQL once, not a thousand times.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqliteStatement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter(parameterNames[i], null));
        }

        _command.Prepare();
    }

    /// <summary>Sets parameter <paramref name="index"/> (in the order named at construction).</summary>
    public SqliteStatement Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public object? Scalar()
    {
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public SqliteDataReader Reader() => _command.ExecuteReader();

    public void Dispose() => _command.Dispose();
}
