namespace Visco.Grains.Interfaces.Api;

/// <summary>
/// The append-only audit log of the API: every read of clinical data and every administrative action. An append that
/// fails throws <see cref="AuditUnavailableException"/>, and the API then fails the request rather than serve
/// clinical data unrecorded. Implementations never update or delete an entry.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry durably; returns it with its sequence number assigned.</summary>
    Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query, newest first, by cursor.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
