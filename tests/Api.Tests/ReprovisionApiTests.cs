using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;

namespace Visco.Api.Tests;

/// <summary>
/// <c>POST /hospitals/{h}/devices/{d}/reprovision</c>: device-admin only, tenant-scoped like every device route,
/// audited; a revoked device stays revoked.
/// </summary>
public sealed class ReprovisionApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task Reprovision_ConnectedCertificateDevice_CertificatesRetiredDisconnectedRetainedClearedAndAudited()
    {
        var deviceId = await CertificateDeviceAsync("AB12", "cd34");
        Host.Connections.Connected[deviceId] = true;
        var subject = "admin-" + Guid.NewGuid().ToString("N")[..8];
        var admin = Host.ClientWith(Host.Tokens.Mint(new TokenRequest(subject, [ApiRoles.DeviceAdmin], ["h-a"], TimeSpan.FromHours(1))));

        var response = await admin.PostAsJsonAsync(Reprovision("h-a", deviceId), new { reason = "board replaced" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<DeviceReprovisioning>(Json);
        Assert.Equal((deviceId, "h-a", DeviceStatus.Provisioning, true, false), (outcome!.DeviceId, outcome.HospitalId, outcome.Status, outcome.Disconnected, outcome.SecretCleared));
        Assert.Equal(["ab12", "cd34"], outcome.RetiredThumbprints);
        var record = await Host.Grains.GetGrain<IDeviceGrain>(deviceId).GetRecord();
        Assert.Equal(DeviceStatus.Provisioning, record!.Status);
        Assert.Empty(record.CertificateThumbprints);
        Assert.Contains(Host.Connections.Disconnects, d => d.DeviceId == deviceId);
        var cleared = Assert.Single(Host.Connections.Retained, r => r.DeviceId == deviceId);
        Assert.Equal(($"provisioning/{deviceId}/certificate", 0), (cleared.Message.Topic, cleared.Message.Payload.Length));

        var entry = Assert.Single((await Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Subject: subject))).Items);
        Assert.Equal(("POST /api/v1/hospitals/{hospitalId}/devices/{deviceId}/reprovision", "h-a", 200, deviceId),
            (entry.Action, entry.HospitalId, entry.Outcome, entry.Resources["deviceId"]));
        Assert.Equal([ApiRoles.DeviceAdmin], entry.Roles);
    }

    [Fact]
    public async Task Reprovision_SecretDevice_SecretStopsWorking()
    {
        var admin = Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");
        var deviceId = "dev-rp-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await (await admin.PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = registered.GetProperty("secret").GetString()!;

        var response = await admin.PostAsJsonAsync(Reprovision("h-a", deviceId), new { reason = "key suspected stolen" });

        Assert.True((await response.Content.ReadFromJsonAsync<DeviceReprovisioning>(Json))!.SecretCleared);
        Assert.False(await Host.Grains.GetGrain<IDeviceGrain>(deviceId).VerifySecret(secret));
    }

    [Fact]
    public async Task Reprovision_DeviceAdminOfAnotherHospital_NotFoundLikeNonexistentAndDeviceUntouched()
    {
        var deviceId = await CertificateDeviceAsync("ef56");
        var otherAdmin = Host.ClientFor(ApiRoles.DeviceAdmin, "h-b");

        var direct = await otherAdmin.PostAsJsonAsync(Reprovision("h-a", deviceId), new { reason = "x" });
        var viaOwn = await otherAdmin.PostAsJsonAsync(Reprovision("h-b", deviceId), new { reason = "x" });
        var missing = await otherAdmin.PostAsJsonAsync(Reprovision("h-b", "dev-none"), new { reason = "x" });

        var problems = new[]
        {
            await ProblemAssert.IsProblemAsync(direct, HttpStatusCode.NotFound),
            await ProblemAssert.IsProblemAsync(viaOwn, HttpStatusCode.NotFound),
            await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound),
        };
        Assert.Single(problems.Select(p => p.GetProperty("detail").GetString()).Distinct());
        await AssertUntouchedAsync(deviceId, "ef56");
    }

    [Theory]
    [InlineData(ApiRoles.Clinician)]
    [InlineData(ApiRoles.Ops)]
    [InlineData(ApiRoles.DataScientist)]
    public async Task Reprovision_NotDeviceAdmin_ForbiddenAndDeviceUntouched(string role)
    {
        var deviceId = await CertificateDeviceAsync("a7");

        var response = await Host.ClientFor(role, "h-a").PostAsJsonAsync(Reprovision("h-a", deviceId), new { reason = "x" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        await AssertUntouchedAsync(deviceId, "a7");
    }

    [Fact]
    public async Task Reprovision_RevokedDevice_ConflictProblemAndStaysRevoked()
    {
        var deviceId = await CertificateDeviceAsync("b8");
        var admin = Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");
        await admin.PostAsJsonAsync(new Uri($"/api/v1/hospitals/h-a/devices/{deviceId}/revoke", UriKind.Relative), new { reason = "stolen" });

        var response = await admin.PostAsJsonAsync(Reprovision("h-a", deviceId), new { reason = "found again" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var record = await Host.Grains.GetGrain<IDeviceGrain>(deviceId).GetRecord();
        Assert.Equal((DeviceStatus.Revoked, "b8"), (record!.Status, Assert.Single(record.CertificateThumbprints)));
    }

    [Fact]
    public async Task Reprovision_UnknownDevice_NotFoundProblem()
    {
        var response = await Host.ClientFor(ApiRoles.DeviceAdmin, "h-a").PostAsJsonAsync(Reprovision("h-a", "dev-never-registered"), new { reason = "wiped" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Null(await Host.Grains.GetGrain<IDeviceGrain>("dev-never-registered").GetRecord());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"   \"}")]
    [InlineData("{\"reason\":42}")]
    [InlineData("{\"reason\":")]
    public async Task Reprovision_NoUsableReason_BadRequestProblemAndDeviceUntouched(string body)
    {
        var deviceId = await CertificateDeviceAsync("c9");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Host.ClientFor(ApiRoles.DeviceAdmin, "h-a").PostAsync(Reprovision("h-a", deviceId), content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertUntouchedAsync(deviceId, "c9");
    }

    [Fact]
    public async Task OpenApi_Document_ListsReprovision()
    {
        var document = await Host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/v1/hospitals/{hospitalId}/devices/{deviceId}/reprovision", document, StringComparison.Ordinal);
        Assert.Contains("ReprovisionDevice", document, StringComparison.Ordinal);
    }

    private static Uri Reprovision(string hospitalId, string deviceId) => new($"/api/v1/hospitals/{hospitalId}/devices/{deviceId}/reprovision", UriKind.Relative);

    /// <summary>A device of h-a registered for claim provisioning, holding certificates (as the front door records them).</summary>
    private async Task<string> CertificateDeviceAsync(params string[] thumbprints)
    {
        var deviceId = "dev-rp-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await Host.ClientFor(ApiRoles.DeviceAdmin, "h-a")
            .PostAsJsonAsync(new Uri("/api/v1/hospitals/h-a/devices", UriKind.Relative), new { deviceId, certificateOnly = true });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        foreach (var thumbprint in thumbprints)
        {
            await Host.Grains.GetGrain<IDeviceGrain>(deviceId).RecordCertificate(thumbprint, DateTimeOffset.UtcNow.AddYears(1));
        }

        return deviceId;
    }

    private async Task AssertUntouchedAsync(string deviceId, string thumbprint)
    {
        var record = await Host.Grains.GetGrain<IDeviceGrain>(deviceId).GetRecord();
        Assert.Equal((DeviceStatus.Active, thumbprint), (record!.Status, Assert.Single(record.CertificateThumbprints)));
        Assert.DoesNotContain(Host.Connections.Retained, r => r.DeviceId == deviceId);
    }
}
