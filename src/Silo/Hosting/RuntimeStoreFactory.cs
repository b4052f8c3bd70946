using Visco.Runtime.Abstractions.Storage;
using Visco.Runtime.Storage.Memory;
using Visco.Runtime.Storage.Postgres;
using Visco.Runtime.Storage.Sqlite;
using Visco.Silo.Configuration;

namespace Visco.Silo.Hosting;

/// <summary>Builds the store named by the settings; a wrong setting fails start-up with how to fix it.</summary>
internal static class RuntimeStoreFactory
{
    public static IRuntimeStore Create(StorageSettings settings, string dataDirectory, TimeProvider time) =>
        settings.Provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteRuntimeStore(
                new SqliteStoreOptions { DatabasePath = settings.SqlitePath ?? Path.Combine(dataDirectory, "visco.db") }, time),
            "postgres" => new PostgresRuntimeStore(
                new PostgresStoreOptions
                {
                    ConnectionString = settings.PostgresConnectionString
                        ?? throw new InvalidOperationException(
                            "Visco:Storage:Provider is 'postgres' but Visco:Storage:PostgresConnectionString is not set."),
                    Schema = settings.PostgresSchema,
                },
                time),
            "memory" => new MemoryRuntimeStore(new MemoryDatabase(), time),
            _ => throw new InvalidOperationException(
                $"Visco:Storage:Provider is '{settings.Provider}'; use 'sqlite' (default), 'postgres' or 'memory'."),
        };
}
