namespace Visco.Runtime.Storage.Migrations;

/// <summary>
/// The database was migrated by a newer build than this one: running on it could misread or damage data, so the store
/// refuses to start.
/// </summary>
public sealed class SchemaTooNewException(string provider, int databaseVersion, int supportedVersion)
    : Exception(
        $"{provider}: database schema version {databaseVersion} is newer than this build supports ({supportedVersion}); " +
        "upgrade the silo or point it at another database")
{
    /// <summary>The version recorded in the database.</summary>
    public int DatabaseVersion { get; } = databaseVersion;

    /// <summary>The newest version this build's scripts create.</summary>
    public int SupportedVersion { get; } = supportedVersion;
}
