using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Visco.Api.Auth;
using Visco.Api.Models;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Models;

namespace Visco.Api.Tests;

/// <summary>Hospitals (ops) and model versions (data-scientist), with their audit entries.</summary>
public sealed class HospitalsAndModelsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task CreateHospital_Ops_CreatedThenIdempotentThenConflictOnOtherName()
    {
        var ops = Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals);
        var uri = new Uri("/api/v1/hospitals", UriKind.Relative);

        var created = await ops.PostAsJsonAsync(uri, new { hospitalId = "h-new", name = "St. New" });
        var again = await ops.PostAsJsonAsync(uri, new { hospitalId = "h-new", name = "St. New" });
        var renamed = await ops.PostAsJsonAsync(uri, new { hospitalId = "h-new", name = "Other" });
        var read = await ops.GetFromJsonAsync<HospitalInfo>(new Uri("/api/v1/hospitals/h-new", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ProblemAssert.IsProblemAsync(renamed, HttpStatusCode.Conflict);
        Assert.Equal("St. New", read!.Name);
    }

    [Fact]
    public async Task CreateHospital_DeviceAdmin_Forbidden()
    {
        var response = await Host.ClientFor(ApiRoles.DeviceAdmin, ApiRoles.AllHospitals)
            .PostAsJsonAsync(new Uri("/api/v1/hospitals", UriKind.Relative), new { hospitalId = "h-x", name = "X" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await Host.Grains.GetGrain<IHospitalGrain>("h-x").GetInfo());
    }

    [Fact]
    public async Task ActivateModel_DataScientist_ActiveAndAudited()
    {
        var registry = Host.Grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.DefaultKey);
        await registry.Register(TestModels.V1, "test");
        var subject = "ds-" + Guid.NewGuid().ToString("N")[..8];
        var client = Host.ClientWith(Host.Tokens.Mint(new TokenRequest(subject, [ApiRoles.DataScientist], [], TimeSpan.FromHours(1))));

        var response = await client.PostAsync(new Uri("/api/v1/models/1/activate", UriKind.Relative), null);
        var catalog = await client.GetFromJsonAsync<ModelCatalog>(new Uri("/api/v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", catalog!.ActiveVersion);
        Assert.Contains(catalog.Versions, v => v.Version == "1" && v.Metrics.Count > 0);
        Assert.Equal(subject, (await registry.GetActivations())[^1].ActivatedBy);
        var audit = await Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(Subject: subject));
        Assert.Contains(audit.Items, e => e.Action == "POST /api/v1/models/{version}/activate" && e.Resources["version"] == "1");
    }

    [Fact]
    public async Task ActivateModel_UnknownVersionOrWrongRole_NotFoundOrForbidden()
    {
        var missing = await Host.ClientFor(ApiRoles.DataScientist).PostAsync(new Uri("/api/v1/models/404/activate", UriKind.Relative), null);
        var ops = await Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals).PostAsync(new Uri("/api/v1/models/1/activate", UriKind.Relative), null);

        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(ops, HttpStatusCode.Forbidden);
    }
}
