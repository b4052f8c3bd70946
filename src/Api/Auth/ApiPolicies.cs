using Microsoft.AspNetCore.Authorization;

namespace Visco.Api.Auth;

/// <summary>The authorization policies of the API, each a set of roles; hospital scope is checked per request on top.</summary>
public static class ApiPolicies
{
    /// <summary>Reading results, samples and the live feed: clinical data.</summary>
    public const string ReadResults = "results.read";

    /// <summary>Recording lab references for samples.</summary>
    public const string WriteLabels = "labels.write";

    /// <summary>Reading devices of a hospital.</summary>
    public const string ReadDevices = "devices.read";

    /// <summary>Registering, revoking and re-crediting devices; issuing commands and setting the desired configuration.</summary>
    public const string ManageDevices = "devices.manage";

    /// <summary>Reading a device's commands and desired configuration.</summary>
    public const string ReadDeviceCommands = "devices.commands.read";

    /// <summary>Reading model versions.</summary>
    public const string ReadModels = "models.read";

    /// <summary>Activating a model version.</summary>
    public const string ActivateModels = "models.activate";

    /// <summary>Reading a hospital.</summary>
    public const string ReadHospitals = "hospitals.read";

    /// <summary>Listing hospitals.</summary>
    public const string ListHospitals = "hospitals.list";

    /// <summary>Creating hospitals.</summary>
    public const string ManageHospitals = "hospitals.manage";

    /// <summary>Reading the audit log.</summary>
    public const string ReadAudit = "audit.read";

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ReadResults] = [ApiRoles.Clinician, ApiRoles.Service],
        [WriteLabels] = [ApiRoles.Clinician, ApiRoles.Service],
        [ReadDevices] = [ApiRoles.Clinician, ApiRoles.DeviceAdmin, ApiRoles.Ops],
        [ManageDevices] = [ApiRoles.DeviceAdmin],
        [ReadDeviceCommands] = [ApiRoles.DeviceAdmin, ApiRoles.Ops],
        [ReadModels] = [ApiRoles.DataScientist, ApiRoles.Ops],
        [ActivateModels] = [ApiRoles.DataScientist],
        [ReadHospitals] = [ApiRoles.Clinician, ApiRoles.DeviceAdmin, ApiRoles.Ops, ApiRoles.Service],
        [ListHospitals] = [ApiRoles.Ops],
        [ManageHospitals] = [ApiRoles.Ops],
        [ReadAudit] = [ApiRoles.Ops],
    };

    /// <summary>Adds every policy.</summary>
    public static AuthorizationBuilder AddViscoPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
