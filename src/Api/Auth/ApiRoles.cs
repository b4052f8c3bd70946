namespace Visco.Api.Auth;

/// <summary>The roles a token may carry.</summary>
public static class ApiRoles
{
    /// <summary>Reads results of the hospitals in its token, records lab references.</summary>
    public const string Clinician = "clinician";

    /// <summary>Manages devices of its hospitals (or all, with hospitals "*").</summary>
    public const string DeviceAdmin = "device-admin";

    /// <summary>Operates the deployment: hospitals, audit log, fleet overview.</summary>
    public const string Ops = "ops";

    /// <summary>Inspects and activates model versions.</summary>
    public const string DataScientist = "data-scientist";

    /// <summary>A machine client (lab system, integration): reads results and records lab references.</summary>
    public const string Service = "service";

    /// <summary>The hospitals claim value that means every hospital (never honoured for clinicians).</summary>
    public const string AllHospitals = "*";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Clinician, DeviceAdmin, Ops, DataScientist, Service];
}
