using System.Net;
using System.Net.Http.Json;
using Visco.Api.Auth;
using Visco.Api.Hospitals;
using Visco.Api.Tests.Hosting;

namespace Visco.Api.Tests;

/// <summary><c>GET /hospitals</c>: ops lists the hospitals its token covers, in id order, paged by cursor.</summary>
public sealed class HospitalsListApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Uri Hospitals = new("/api/v1/hospitals", UriKind.Relative);

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task List_OpsOfAllHospitals_EveryHospitalPagedByCursor()
    {
        var ops = Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals);
        await ops.PostAsJsonAsync(Hospitals, new { hospitalId = "h-list-c", name = "C" });

        var first = await ops.GetFromJsonAsync<HospitalPage>(new Uri("/api/v1/hospitals?limit=2", UriKind.Relative));
        var second = await ops.GetFromJsonAsync<HospitalPage>(new Uri($"/api/v1/hospitals?limit=2&cursor={first!.NextCursor}", UriKind.Relative));

        Assert.Equal(["h-a", "h-b", "h-list-c"], first.Items.Concat(second!.Items).Select(h => h.HospitalId));
        Assert.Null(second.NextCursor);
        Assert.Equal(("Hospital h-a", 1), (first.Items[0].Name, first.Items[0].DeviceCount));
    }

    [Fact]
    public async Task List_OpsScopedToOneHospital_OnlyThatHospital()
    {
        var page = await Host.ClientFor(ApiRoles.Ops, "h-b").GetFromJsonAsync<HospitalPage>(Hospitals);

        Assert.Equal(["h-b"], page!.Items.Select(h => h.HospitalId));
    }

    [Theory]
    [InlineData(ApiRoles.DeviceAdmin)]
    [InlineData(ApiRoles.Clinician)]
    [InlineData(ApiRoles.Service)]
    [InlineData(ApiRoles.DataScientist)]
    public async Task List_NotOps_Forbidden(string role)
    {
        var response = await Host.ClientFor(role, "h-a").GetAsync(Hospitals);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("?cursor=garbage!")]
    [InlineData("?cursor=eDpo")]
    [InlineData("?limit=0")]
    [InlineData("?limit=501")]
    public async Task List_BadPaging_BadRequestProblem(string query)
    {
        var response = await Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals).GetAsync(new Uri("/api/v1/hospitals" + query, UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
