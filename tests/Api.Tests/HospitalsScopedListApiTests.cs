using System.Net.Http.Json;
using Visco.Api.Auth;
using Visco.Api.Hospitals;
using Visco.Api.Tests.Hosting;

namespace Visco.Api.Tests;

/// <summary><c>GET /hospitals</c> for a token naming some hospitals (its own host: it creates hospitals of its own).</summary>
public sealed class HospitalsScopedListApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Uri Hospitals = new("/api/v1/hospitals", UriKind.Relative);

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task List_OpsScopedToSomeHospitals_FullPagesOfThoseOnly()
    {
        // Directory pages filtered afterwards would give short or empty pages with a cursor; the token's own list pages full.
        var all = Host.ClientFor(ApiRoles.Ops, ApiRoles.AllHospitals);
        foreach (var id in new[] { "h-scope-1", "h-scope-2", "h-scope-3", "h-scope-4" })
        {
            (await all.PostAsJsonAsync(Hospitals, new { hospitalId = id, name = id })).EnsureSuccessStatusCode();
        }

        var scoped = Host.ClientFor(ApiRoles.Ops, "h-scope-4", "h-scope-2", "h-unknown", "h-a");
        var first = await scoped.GetFromJsonAsync<HospitalPage>(new Uri("/api/v1/hospitals?limit=2", UriKind.Relative));
        var second = await scoped.GetFromJsonAsync<HospitalPage>(new Uri($"/api/v1/hospitals?limit=2&cursor={first!.NextCursor}", UriKind.Relative));

        Assert.Equal(["h-a", "h-scope-2"], first.Items.Select(h => h.HospitalId));
        Assert.Equal(["h-scope-4"], second!.Items.Select(h => h.HospitalId));
        Assert.Null(second.NextCursor);
    }
}
