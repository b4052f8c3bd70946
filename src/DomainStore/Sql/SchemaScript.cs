namespace Visco.DomainStore.Sql;

/// <summary>One embedded schema script.</summary>
/// <param name="Version">Its version (1, 2, 3...).</param>
/// <param name="Name">Its file name.</param>
/// <param name="Text">The SQL.</param>
internal sealed record SchemaScript(int Version, string Name, string Text);
