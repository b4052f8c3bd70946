namespace Visco.Dashboard.Snapshots;

/// <summary>One silo.</summary>
/// <param name="Name">Host name and process id.</param>
/// <param name="Status">running, stopped or unknown (no silo in this process).</param>
/// <param name="Store">The store behind state, reminders and streams.</param>
/// <param name="Activations">Activations alive now.</param>
/// <param name="UptimeSeconds">Seconds since the process started.</param>
internal sealed record SiloView(string Name, string Status, string? Store, int Activations, double UptimeSeconds);
