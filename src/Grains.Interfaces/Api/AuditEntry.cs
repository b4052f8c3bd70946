namespace Visco.Grains.Interfaces.Api;

/// <summary>One audited request: who, what, when, from where and how it ended.</summary>
/// <param name="Sequence">Position in the log, from 1; 0 until the log assigns it.</param>
/// <param name="At">When the request was answered (UTC).</param>
/// <param name="Subject">The caller's subject (token <c>sub</c>), or "anonymous".</param>
/// <param name="Roles">The caller's roles.</param>
/// <param name="Action">What was done: HTTP method and route pattern, e.g. <c>GET /api/v1/hospitals/{hospitalId}/results</c>.</param>
/// <param name="HospitalId">The hospital the request named, if any.</param>
/// <param name="Resources">The resource ids the request named (route values such as deviceId, sampleId, version).</param>
/// <param name="ClientAddress">The caller's IP address, if known.</param>
/// <param name="Outcome">The HTTP status code the caller got.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Subject,
    IReadOnlyList<string> Roles,
    string Action,
    string? HospitalId,
    IReadOnlyDictionary<string, string> Resources,
    string? ClientAddress,
    int Outcome);
