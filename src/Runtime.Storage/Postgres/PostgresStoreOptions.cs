using System.Text.RegularExpressions;

namespace Visco.Runtime.Storage.Postgres;

/// <summary>Settings of <see cref="PostgresRuntimeStore"/>.</summary>
public sealed partial class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string (host, port, database, credentials; pooling settings apply). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The schema holding the store's tables; created if missing. Lower-case letters, digits and '_'.</summary>
    public string Schema { get; set; } = "visco";

    /// <summary>Writer loops for grain state and reminders, each with its own connection; a grain always uses the same one.</summary>
    public int StateWriters { get; set; } = 4;

    /// <summary>Most writes committed in one transaction (and sent in one round trip).</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Writes that may wait per writer loop before callers are slowed down.</summary>
    public int QueueCapacity { get; set; } = 16_384;

    /// <summary>Throws with a message saying how to fix the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException(
                "PostgresStoreOptions.ConnectionString is empty: set it, e.g. Host=127.0.0.1;Username=visco;Password=...;Database=visco.");
        }

        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"PostgresStoreOptions.Schema '{Schema}' is not a plain identifier: use lower-case letters, digits and '_' (at most 63), starting with a letter or '_'.");
        }

        if (StateWriters < 1 || MaxBatchSize < 1 || QueueCapacity < 1)
        {
            throw new ArgumentException(
                $"PostgresStoreOptions: StateWriters ({StateWriters}), MaxBatchSize ({MaxBatchSize}) and QueueCapacity ({QueueCapacity}) must each be at least 1.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
