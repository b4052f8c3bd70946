namespace Visco.Grains.Interfaces.Api;

/// <summary>One page of audit entries.</summary>
/// <param name="Items">The entries, newest first.</param>
/// <param name="NextCursor">The cursor of the next page; null when this is the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
