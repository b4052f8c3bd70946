using System.Net;
using System.Net.Http.Json;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Visco.Api.Hospitals;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Results;
using Visco.TestKit;

namespace Visco.Api.Tests;

/// <summary>
/// The API's happy paths on each storage provider (runtime store and results store): results, devices, commands and
/// configuration, hospitals. Each subclass only says how the host is configured.
/// </summary>
public abstract class ProviderHappyPathTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    /// <summary>The host settings that choose the provider.</summary>
    protected abstract IDictionary<string, string?> Settings { get; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(Settings);
        await Seed.HospitalWithDeviceAsync(_host, "h-a", "dev-a1", results: 3);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync() => await _host.DisposeAsync();

    [ProviderFact]
    public async Task Results_SeededDevice_ReadByHospitalDeviceAndSample()
    {
        var clinician = _host.ClientFor(ApiRoles.Clinician, "h-a");

        var hospital = await clinician.GetFromJsonAsync<ResultPage>(new Uri("/api/v1/hospitals/h-a/results?limit=2", UriKind.Relative));
        var device = await clinician.GetFromJsonAsync<ResultPage>(new Uri($"/api/v1/hospitals/h-a/devices/dev-a1/results?cursor={hospital!.NextCursor}", UriKind.Relative));
        var sample = await clinician.GetFromJsonAsync<StoredResult[]>(new Uri("/api/v1/hospitals/h-a/samples/dev-a1-s0001/results", UriKind.Relative));

        Assert.Equal(["dev-a1-s0002", "dev-a1-s0001"], hospital.Items.Select(r => r.SampleId));
        Assert.Equal(["dev-a1-s0000"], device!.Items.Select(r => r.SampleId));
        Assert.Equal("dev-a1", Assert.Single(sample!).DeviceId);
    }

    [ProviderFact]
    public async Task Devices_RegisterRotateRead_Works()
    {
        var admin = _host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

        var registered = await admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-p1" });
        var rotated = await admin.PostAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-p1/credentials", UriKind.Relative), null);
        var detail = await admin.GetFromJsonAsync<DeviceDetail>(new Uri("/api/v1/hospitals/h-a/devices/dev-p1", UriKind.Relative), CommandsApiTests.Json);

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(("dev-p1", "h-a"), (detail!.DeviceId, detail.HospitalId));
    }

    [ProviderFact]
    public async Task Commands_IssueReplyConfigure_StatusFollowsTheDevice()
    {
        var admin = _host.ClientFor(ApiRoles.DeviceAdmin, "h-a");
        var issued = await admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-a1/commands", UriKind.Relative), new { type = "locate" });
        var command = await issued.Content.ReadFromJsonAsync<DeviceCommandRecord>(CommandsApiTests.Json);
        var configured = await admin.PutAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-a1/configuration", UriKind.Relative), new { stateIntervalSeconds = 15 });

        await DeviceReplies.ReplyAsync(_host, "h-a", "dev-a1", command!.CommandId, "applied");
        await DeviceReplies.ReportConfigurationAsync(_host, "h-a", "dev-a1", 1);

        Assert.Equal(HttpStatusCode.Accepted, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        var read = await admin.GetFromJsonAsync<DeviceCommandRecord>(issued.Headers.Location, CommandsApiTests.Json);
        Assert.Equal(DeviceCommandStatus.Applied, read!.Status);
        var configuration = await admin.GetFromJsonAsync<DeviceConfigurationStatus>(
            new Uri("/api/v1/hospitals/h-a/devices/dev-a1/configuration", UriKind.Relative), CommandsApiTests.Json);
        Assert.True(configuration!.Acknowledged);
    }

    [ProviderFact]
    public async Task Hospitals_CreateThenList_Listed()
    {
        var ops = _host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals);

        await ops.PostAsJsonAsync(new Uri("/api/v1/hospitals", UriKind.Relative), new { hospitalId = "h-p", name = "P" });
        var page = await ops.GetFromJsonAsync<HospitalPage>(new Uri("/api/v1/hospitals", UriKind.Relative));

        Assert.Equal(["h-a", "h-p"], page!.Items.Select(h => h.HospitalId));
    }
}

/// <summary>The happy paths on SQLite (the embedded default).</summary>
public sealed class SqliteHappyPathTests : ProviderHappyPathTests
{
    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
}

/// <summary>The happy paths on PostgreSQL (runtime store and results store in throw-away schemas).</summary>
[RequiresPostgres]
public sealed class PostgresHappyPathTests : ProviderHappyPathTests
{
    private readonly PostgresTestSchema _runtimeSchema = new();
    private readonly PostgresTestSchema _resultsSchema = new();

    /// <inheritdoc />
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Visco:Storage:Provider"] = "postgres",
        ["Visco:Storage:PostgresConnectionString"] = _runtimeSchema.ConnectionString,
        ["Visco:Storage:PostgresSchema"] = _runtimeSchema.Name,
        ["Visco:Results:PostgresSchema"] = _resultsSchema.Name,

        // Labels are not under test here; keep them out of the shared database.
        ["Visco:Labels:Provider"] = "sqlite",
    };

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _runtimeSchema.DisposeAsync();
        await _resultsSchema.DisposeAsync();
    }
}
