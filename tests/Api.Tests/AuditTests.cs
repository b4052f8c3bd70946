using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Tests;

/// <summary>Every read of clinical data and every administrative action leaves an audit entry; no entry, no data.</summary>
public sealed class AuditTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    public static TheoryData<string, string, string, string> Reads() => new()
    {
        { "/api/v1/hospitals/h-a/results", "GET /api/v1/hospitals/{hospitalId}/results", "", "" },
        { "/api/v1/hospitals/h-a/devices/dev-a1/results", "GET /api/v1/hospitals/{hospitalId}/devices/{deviceId}/results", "deviceId", "dev-a1" },
        { "/api/v1/hospitals/h-a/samples/dev-a1-s0001/results", "GET /api/v1/hospitals/{hospitalId}/samples/{sampleId}/results", "sampleId", "dev-a1-s0001" },
        { "/api/v1/hospitals/h-a/devices/dev-a1", "GET /api/v1/hospitals/{hospitalId}/devices/{deviceId}", "deviceId", "dev-a1" },
        { "/api/v1/hospitals/h-a/devices", "GET /api/v1/hospitals/{hospitalId}/devices", "", "" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_ClinicalData_AuditedWithWhoWhatWhereOutcome(string path, string action, string resource, string id)
    {
        var subject = "auditee-" + Guid.NewGuid().ToString("N")[..8];
        var client = Host.ClientWith(Host.Tokens.Mint(new TokenRequest(subject, [ApiRoles.Clinician], ["h-a"], TimeSpan.FromHours(1))));

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Subject: subject));
        var entry = Assert.Single(page.Items);
        Assert.Equal((action, "h-a", 200), (entry.Action, entry.HospitalId, entry.Outcome));
        Assert.Equal([ApiRoles.Clinician], entry.Roles);
        Assert.True(entry.Sequence > 0);
        if (resource.Length > 0)
        {
            Assert.Equal(id, entry.Resources[resource]);
        }
    }

    [Fact]
    public async Task Read_OtherHospital_AuditedAsNotFound()
    {
        var subject = "prober-" + Guid.NewGuid().ToString("N")[..8];
        var client = Host.ClientWith(Host.Tokens.Mint(new TokenRequest(subject, [ApiRoles.Clinician], ["h-a"], TimeSpan.FromHours(1))));

        await client.GetAsync(new Uri("/api/v1/hospitals/h-b/results", UriKind.Relative));

        var page = await Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Subject: subject));
        Assert.Equal(("h-b", 404), (Assert.Single(page.Items).HospitalId, page.Items[0].Outcome));
    }

    [Fact]
    public async Task GetAudit_Ops_PagesNewestFirstAndAuditsItself()
    {
        var ops = Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals);
        await Host.ClientFor(ApiRoles.Clinician, "h-a").GetAsync(new Uri("/api/v1/hospitals/h-a/results", UriKind.Relative));

        var first = await ops.GetFromJsonAsync<AuditPage>(new Uri("/api/v1/audit?limit=1", UriKind.Relative));
        var second = await ops.GetFromJsonAsync<AuditPage>(new Uri($"/api/v1/audit?limit=1&cursor={first!.NextCursor}", UriKind.Relative));

        Assert.True(first.Items[0].Sequence > second!.Items[0].Sequence);
        var forbidden = await Host.ClientFor(ApiRoles.Clinician, "h-a").GetAsync(new Uri("/api/v1/audit", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden);
        var bad = await ops.GetAsync(new Uri("/api/v1/audit?cursor=zzz", UriKind.Relative));
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Read_AuditLogDown_ServiceUnavailableAndNoData()
    {
        await using var host = await ApiHost.StartAsync(configure: s => s.AddSingleton<IAuditLog, FailingAuditLog>());
        await Seed.HospitalWithDeviceAsync(host, "h-a", "dev-a1", results: 1);

        var response = await host.ClientFor(ApiRoles.Clinician, "h-a").GetAsync(new Uri("/api/v1/hospitals/h-a/results", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("dev-a1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class FailingAuditLog : IAuditLog
    {
        public Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
            throw new AuditUnavailableException("disk full");

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            throw new AuditUnavailableException("disk full");
    }
}
