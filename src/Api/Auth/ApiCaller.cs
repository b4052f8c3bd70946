using System.Security.Claims;
using System.Text.Json;

namespace Visco.Api.Auth;

/// <summary>The authenticated caller as the API's checks see it.</summary>
/// <param name="Subject">The token's subject, or "anonymous".</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Hospitals">The hospital ids it names (may include <c>*</c>).</param>
public sealed record ApiCaller(string Subject, IReadOnlyList<string> Roles, IReadOnlySet<string> Hospitals)
{
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

        return Hospitals.Contains(hospitalId)
            || (Hospitals.Contains(ApiRoles.AllHospitals) && Roles.Any(r => r != ApiRoles.Clinician && allowedRoles.Contains(r)));
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
}
