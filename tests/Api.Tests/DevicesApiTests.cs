using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Visco.Api.Auth;
using Visco.Api.Devices;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;

namespace Visco.Api.Tests;

/// <summary>Device roster and detail, registration with a one-time secret, rotation and revocation.</summary>
public sealed class DevicesApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ApiHost Host => fixture.Host;

    private HttpClient Admin => Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

    [Fact]
    public async Task Register_NewDevice_CreatedWithWorkingOneTimeSecret()
    {
        var response = await Admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-reg-1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var credentials = await response.Content.ReadFromJsonAsync<DeviceCredentialsResponse>(Json);
        Assert.Equal(("dev-reg-1", "h-a"), (credentials!.DeviceId, credentials.HospitalId));
        Assert.True(await Host.Grains.GetGrain<IDeviceGrain>("dev-reg-1").VerifySecret(credentials.Secret!));
        var again = await Admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-reg-1" });
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("dev/../x")]
    [InlineData("devices/+/#")]
    [InlineData("")]
    public async Task Register_InvalidId_BadRequestProblem(string deviceId)
    {
        var response = await Admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rotate_Device_OldSecretStopsNewWorks()
    {
        await Admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-rot-1" });
        var first = await (await Admin.PostAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-rot-1/credentials", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<DeviceCredentialsResponse>(Json);
        var second = await (await Admin.PostAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-rot-1/credentials", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<DeviceCredentialsResponse>(Json);

        var device = Host.Grains.GetGrain<IDeviceGrain>("dev-rot-1");
        Assert.False(await device.VerifySecret(first!.Secret!));
        Assert.True(await device.VerifySecret(second!.Secret!));
    }

    [Fact]
    public async Task Revoke_ConnectedDevice_DisconnectedRevokedAndCannotBeRecredited()
    {
        await Admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-rev-1" });
        Host.Connections.Connected["dev-rev-1"] = true;

        var response = await Admin.PostAsJsonAsync(
            new Uri("/api/v1/hospitals/h-a/devices/dev-rev-1/revoke", UriKind.Relative), new { reason = "stolen" });

        var revoked = await response.Content.ReadFromJsonAsync<RevokedDevice>(Json);
        Assert.Equal(new RevokedDevice("dev-rev-1", DeviceStatus.Revoked, true), revoked);
        Assert.Contains(Host.Connections.Disconnects, d => d.DeviceId == "dev-rev-1");
        Assert.Equal(DeviceStatus.Revoked, (await Host.Grains.GetGrain<IDeviceGrain>("dev-rev-1").GetRecord())!.Status);
        var rotate = await Admin.PostAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-rev-1/credentials", UriKind.Relative), null);
        await ProblemAssert.IsProblemAsync(rotate, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GetDevice_WithResults_DetailWithLastResult()
    {
        var detail = await Host.ClientFor(ApiRoles.Clinician, "h-a")
            .GetFromJsonAsync<DeviceDetail>(new Uri("/api/v1/hospitals/h-a/devices/dev-a1", UriKind.Relative), Json);

        Assert.Equal(("dev-a1", "h-a", DeviceStatus.Active), (detail!.DeviceId, detail.HospitalId, detail.Status));
        Assert.Equal("dev-a1-s0004", detail.LastResult!.SampleId);
    }

    [Fact]
    public async Task ListDevices_Hospital_RosterWithStatus()
    {
        var roster = await Admin.GetFromJsonAsync<RosterEntry[]>(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), Json);

        Assert.Contains(roster!, d => d.DeviceId == "dev-a1" && d.Status == DeviceStatus.Active);
        Assert.DoesNotContain(roster!, d => d.DeviceId == "dev-b1");
    }

    [Fact]
    public async Task Register_Clinician_Forbidden()
    {
        var response = await Host.ClientFor(ApiRoles.Clinician, "h-a")
            .PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId = "dev-nope" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await Host.Grains.GetGrain<IDeviceGrain>("dev-nope").GetRecord());
    }
}
