namespace Visco.Runtime.Storage.Migrations;

/// <summary>One versioned schema script, embedded in this assembly.</summary>
/// <param name="Version">The schema version the script brings the database to (1, 2, 3...).</param>
/// <param name="Name">The resource file name, recorded in <c>schema_version</c>.</param>
/// <param name="Sql">The script.</param>
public sealed record MigrationScript(int Version, string Name, string Sql);
