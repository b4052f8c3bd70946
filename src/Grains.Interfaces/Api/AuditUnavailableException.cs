namespace Visco.Grains.Interfaces.Api;

/// <summary>The audit log could not record an entry; the audited request must fail (the API answers 503).</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
