namespace Visco.Api.Auth;

/// <summary>What a minted token says: who, which roles, which hospitals, for how long.</summary>
/// <param name="Subject">The subject (<c>sub</c>): a user or client id.</param>
/// <param name="Roles">Its roles (see <see cref="ApiRoles"/>).</param>
/// <param name="Hospitals">The hospital ids it may see, or <c>*</c> for all (not for clinicians).</param>
/// <param name="Lifetime">How long it is valid.</param>
public sealed record TokenRequest(string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string> Hospitals, TimeSpan Lifetime);
