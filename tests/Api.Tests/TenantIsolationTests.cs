using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Api.Tests;

/// <summary>
/// Role × hospital × endpoint: a caller scoped to hospital h-a never reads or changes hospital h-b, and the answer
/// is byte-for-byte the 404 of a hospital that does not exist.
/// </summary>
public sealed class TenantIsolationTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    public static TheoryData<string, string, string> Matrix()
    {
        var reads = new (string Role, string Path)[]
        {
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/results"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/devices/{d}/results"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/samples/{d}-s0001/results"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/live"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/devices"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}/devices/{d}"),
            (ApiRoles.Clinician, "/api/v1/hospitals/{h}"),
            (ApiRoles.Service, "/api/v1/hospitals/{h}/results"),
            (ApiRoles.Service, "/api/v1/hospitals/{h}/samples/{d}-s0001/results"),
            (ApiRoles.DeviceAdmin, "/api/v1/hospitals/{h}/devices"),
            (ApiRoles.DeviceAdmin, "/api/v1/hospitals/{h}/devices/{d}"),
            (ApiRoles.Ops, "/api/v1/hospitals/{h}/devices/{d}"),
            (ApiRoles.DeviceAdmin, "/api/v1/hospitals/{h}/devices/{d}/commands"),
            (ApiRoles.DeviceAdmin, "/api/v1/hospitals/{h}/devices/{d}/configuration"),
            (ApiRoles.Ops, "/api/v1/hospitals/{h}/devices/{d}/commands"),
            (ApiRoles.Ops, "/api/v1/hospitals/{h}/devices/{d}/configuration"),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (role, path) in reads)
        {
            data.Add(role, "GET", path);
        }

        data.Add(ApiRoles.DeviceAdmin, "POST", "/api/v1/hospitals/{h}/devices/{d}/revoke");
        data.Add(ApiRoles.DeviceAdmin, "POST", "/api/v1/hospitals/{h}/devices/{d}/reprovision");
        data.Add(ApiRoles.DeviceAdmin, "POST", "/api/v1/hospitals/{h}/devices/{d}/credentials");
        data.Add(ApiRoles.DeviceAdmin, "POST", "/api/v1/hospitals/{h}/devices");
        data.Add(ApiRoles.DeviceAdmin, "POST", "/api/v1/hospitals/{h}/devices/{d}/commands");
        data.Add(ApiRoles.DeviceAdmin, "PUT", "/api/v1/hospitals/{h}/devices/{d}/configuration");
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Request_OwnHospital_NotRefused(string role, string method, string path)
    {
        var response = await SendAsync(Host.ClientFor(role, "h-a"), method, Fill(path, "h-a", "dev-a1"), probeOnly: true);

        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Request_OtherHospital_NotFoundLikeNonexistent(string role, string method, string path)
    {
        var client = Host.ClientFor(role, "h-a");

        var other = await SendAsync(client, method, Fill(path, "h-b", "dev-b1"));
        var missing = await SendAsync(client, method, Fill(path, "h-none", "dev-none"));

        var otherProblem = await ProblemAssert.IsProblemAsync(other, HttpStatusCode.NotFound);
        var missingProblem = await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), otherProblem.GetProperty("title").GetString());
        Assert.Equal(missingProblem.GetProperty("detail").GetString(), otherProblem.GetProperty("detail").GetString());
        Assert.DoesNotContain("h-b", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_OtherHospitalsDeviceViaOwnHospitalRoute_NotFoundAndDeviceStillActive()
    {
        var client = Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

        var response = await client.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/revoke", UriKind.Relative), new { reason = "x" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        var record = await Host.Grains.GetGrain<IDeviceGrain>("dev-b1").GetRecord();
        Assert.Equal(DeviceStatus.Active, record!.Status);
    }

    [Fact]
    public async Task Commands_OtherHospitalsDeviceViaOwnHospitalRoute_NotFoundAndNothingQueued()
    {
        var ownAdmin = Host.ClientFor(ApiRoles.DeviceAdmin, "h-b");
        var issued = await ownAdmin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-b/devices/dev-b1/commands", UriKind.Relative), new { type = "locate" });
        var commandId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetString();
        var client = Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

        var post = await client.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/commands", UriKind.Relative), new { type = "wipe" });
        var put = await client.PutAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/configuration", UriKind.Relative), new { stateIntervalSeconds = 1 });
        var read = await client.GetAsync(new Uri($"/api/v1/hospitals/h-a/devices/dev-b1/commands/{commandId}", UriKind.Relative));
        var list = await client.GetAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/commands", UriKind.Relative));
        var cancel = await client.PostAsync(new Uri($"/api/v1/hospitals/h-a/devices/dev-b1/commands/{commandId}/cancel", UriKind.Relative), null);

        await ProblemAssert.IsProblemAsync(post, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(put, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(list, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(cancel, HttpStatusCode.NotFound);
        Assert.Equal(DeviceCommandStatus.Queued, (await Host.Grains.GetGrain<IDeviceGrain>("dev-b1").GetCommand(commandId!))!.Status);
        var commands = await Host.Grains.GetGrain<IDeviceGrain>("dev-b1").GetCommands(null, 100);
        Assert.DoesNotContain(commands.Items, c => c.Type == DeviceCommandType.Wipe);
        Assert.Null((await Host.Grains.GetGrain<IDeviceGrain>("dev-b1").GetConfiguration())!.DesiredVersion);
    }

    [Fact]
    public async Task Get_OtherHospitalsDeviceViaOwnHospitalRoute_NotFound()
    {
        var client = Host.ClientFor(ApiRoles.Clinician, "h-a");

        var detail = await client.GetAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1", UriKind.Relative));
        var results = await client.GetAsync(new Uri("/api/v1/hospitals/h-a/devices/dev-b1/results", UriKind.Relative));
        var sample = await client.GetAsync(new Uri("/api/v1/hospitals/h-a/samples/dev-b1-s0001/results", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(detail, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(results, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(sample, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_DeviceAdminOfAllHospitals_ReadsEveryHospital()
    {
        var client = Host.ClientFor(ApiRoles.DeviceAdmin, ApiRoles.AllHospitals);

        var a = await client.GetAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative));
        var b = await client.GetAsync(new Uri("/api/v1/hospitals/h-b/devices", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
    }

    [Fact]
    public async Task Get_ClinicianWithForgedWildcard_NotFound()
    {
        // Minted outside the issuer's own check, as a misconfigured external authority might: '*' never widens a clinician.
        var token = Host.Tokens.Mint(new TokenRequest("c", [ApiRoles.Service], [ApiRoles.AllHospitals], TimeSpan.FromHours(1)));
        var clinicianToken = BadTokens.Sign(
            Host.Services.GetService(typeof(SigningKeyStore)) is SigningKeyStore keys ? keys.Key : throw new InvalidOperationException());

        var service = await Host.ClientWith(token).GetAsync(new Uri("/api/v1/hospitals/h-b/results", UriKind.Relative));
        var clinician = await Host.ClientWith(clinicianToken).GetAsync(new Uri("/api/v1/hospitals/h-b/results", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        await ProblemAssert.IsProblemAsync(clinician, HttpStatusCode.NotFound);
    }

    private static string Fill(string path, string hospital, string device) =>
        path.Replace("{h}", hospital, StringComparison.Ordinal).Replace("{d}", device, StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, bool probeOnly = false)
    {
        var uri = new Uri(path, UriKind.Relative);
        if (method == "GET")
        {
            // A live feed never ends: the headers are the answer.
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                response.Dispose();
                return new HttpResponseMessage(HttpStatusCode.OK);
            }

            await response.Content.LoadIntoBufferAsync();
            return response;
        }

        // Probing the own hospital must not change it: an invalid body is refused after the tenant check passed.
        if (method == "PUT")
        {
            return await client.PutAsJsonAsync(uri, probeOnly ? (object)Array.Empty<int>() : new { stateIntervalSeconds = 5 });
        }

        object body = probeOnly ? new { } : path.EndsWith("/devices", StringComparison.Ordinal)
            ? new { deviceId = "dev-new-" + Guid.NewGuid().ToString("N")[..8] }
            : path.EndsWith("/commands", StringComparison.Ordinal) ? new { type = "locate" } : new { reason = "tenant test" };
        return await client.PostAsJsonAsync(uri, body);
    }
}
