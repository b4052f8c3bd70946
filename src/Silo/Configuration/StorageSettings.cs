namespace Visco.Silo.Configuration;

/// <summary>Which store the silo runs on (section "Visco:Storage").</summary>
public sealed class StorageSettings
{
    /// <summary>"sqlite" (the embedded default), "postgres", or "memory" (nothing survives a restart).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite file; default <c>{DataDirectory}/visco.db</c>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>The PostgreSQL connection string (with provider "postgres").</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The PostgreSQL schema the silo's tables live in.</summary>
    public string PostgresSchema { get; set; } = "visco";
}
