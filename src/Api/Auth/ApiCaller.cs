using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Visco.Api.Auth;

/// <summary>The authenticated caller as the API's checks see it.</summary>
/// <param name="Subject">The token's subject, or "anonymous".</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Hospitals">The hospital ids it names (may include <c>*</c>).</param>
public sealed record ApiCaller(string Subject, IReadOnlyList<string> Roles, IReadOnlySet<string> Hospitals)
{
    private static readonly object ItemKey = new();

    /// <summary>
    /// The caller of a request, read from its principal once and kept with the request (the tenant check and the
    /// audit entry both need it); a request whose principal was replaced is read again.
    /// </summary>
    public static ApiCaller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(ItemKey, out var kept) && kept is Kept { } previous && ReferenceEquals(previous.Principal, http.User))
        {
            return previous.Caller;
        }

        var caller = From(http.User, http.RequestServices.GetRequiredService<IOptions<ApiAuthOptions>>().Value);
        http.Items[ItemKey] = new Kept(http.User, caller);
        return caller;
    }

    /// <summary>Reads the caller from the request's principal.</summary>
    public static ApiCaller From(ClaimsPrincipal user, ApiAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        var subject = user.FindFirst("sub")?.Value ?? "anonymous";
        var roles = Values(user, options.RoleClaim).Distinct(StringComparer.Ordinal).ToArray();
        var hospitals = Values(user, options.HospitalsClaim).ToHashSet(StringComparer.Ordinal);
        return new ApiCaller(subject, roles, hospitals);
    }

    /// <summary>
    /// Whether a caller acting in one of <paramref name="allowedRoles"/> may see the hospital: it must be named in the
    /// token, or the token says <c>*</c> and grants one of the allowed roles other than clinician (a clinician is
    /// always scoped to the hospitals it names).
    /// </summary>
    public bool CanAccessHospital(string hospitalId, IReadOnlyCollection<string> allowedRoles)
    {
        ArgumentNullException.ThrowIfNull(allowedRoles);
        if (!Roles.Any(allowedRoles.Contains))
        {
            return false;
        }

        return Hospitals.Contains(hospitalId) || CoversAllHospitals(allowedRoles);
    }

    /// <summary>Whether the token covers every hospital for one of <paramref name="allowedRoles"/> (never a clinician's).</summary>
    public bool CoversAllHospitals(IReadOnlyCollection<string> allowedRoles)
    {
        ArgumentNullException.ThrowIfNull(allowedRoles);
        return Hospitals.Contains(ApiRoles.AllHospitals) && Roles.Any(r => r != ApiRoles.Clinician && allowedRoles.Contains(r));
    }

    private static IEnumerable<string> Values(ClaimsPrincipal user, string claimType)
    {
        foreach (var claim in user.FindAll(claimType))
        {
            // Providers send a multi-valued claim either repeated or, after some mappers, as one JSON array string.
            if (claim.ValueType == "JSON_ARRAY" || (claim.Value.StartsWith('[') && claim.Value.EndsWith(']')))
            {
                string[]? values = null;
                try
                {
                    values = JsonSerializer.Deserialize<string[]>(claim.Value);
                }
                catch (JsonException)
                {
                    values = null;
                }

                foreach (var value in values ?? [])
                {
                    yield return value;
                }
            }
            else
            {
                foreach (var value in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    yield return value;
                }
            }
        }
    }

    private sealed record Kept(ClaimsPrincipal Principal, ApiCaller Caller);
}
