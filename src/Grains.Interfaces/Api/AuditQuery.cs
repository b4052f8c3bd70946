namespace Visco.Grains.Interfaces.Api;

/// <summary>A page request over the audit log, newest first.</summary>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries before this time.</param>
/// <param name="Subject">Only this caller's entries.</param>
/// <param name="HospitalId">Only entries naming this hospital.</param>
/// <param name="Cursor">The <see cref="AuditPage.NextCursor"/> of the previous page; null for the first page.</param>
/// <param name="Limit">Page size, 1-<see cref="MaxLimit"/>.</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Subject = null,
    string? HospitalId = null,
    string? Cursor = null,
    int Limit = 100)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;
}
