using System.Net;
using Microsoft.Extensions.Options;

namespace Visco.Dashboard.Tests;

public sealed class AccessTests
{
    private static readonly Uri Snapshot = new("/dashboard/api/snapshot", UriKind.Relative);
    private static readonly Uri Page = new("/dashboard", UriKind.Relative);

    [Fact]
    public async Task Snapshot_EmbeddedDefaultFromLoopback_Open()
    {
        await using var silo = await DashboardSilo.StartAsync();
        using var client = silo.CreateClient();

        var page = await client.GetAsync(Page);
        var snapshot = await client.GetAsync(Snapshot);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/dashboard/assets/dashboard.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        Assert.Contains("\"grainTypes\"", await snapshot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_LoopbackModeFromRemoteAddress_Forbidden()
    {
        await using var silo = await DashboardSilo.StartAsync(remote: IPAddress.Parse("203.0.113.7"));
        using var client = silo.CreateClient();

        var response = await client.GetAsync(Snapshot);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Snapshot_LoopbackModeThroughAProxy_Forbidden()
    {
        await using var silo = await DashboardSilo.StartAsync();
        using var client = silo.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Snapshot);
        request.Headers.Add("X-Forwarded-For", "198.51.100.4");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Snapshot_JwtConfigured_NoToken401NonOps403Ops200()
    {
        await using var silo = await DashboardSilo.StartAsync(jwt: true);
        using var anonymous = silo.CreateClient();
        using var clinician = silo.CreateClient(TestTokens.Create("clinician"));
        using var ops = silo.CreateClient(TestTokens.Create("ops"));

        var none = await anonymous.GetAsync(Snapshot);
        var refused = await clinician.GetAsync(Snapshot);
        var allowed = await ops.GetAsync(Snapshot);
        var page = await ops.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Snapshot_ExplicitLoopbackWithJwtFromRemote_AnonymousChallengedOpsAllowed()
    {
        var settings = new Dictionary<string, string?> { ["Visco:Dashboard:Access"] = "Loopback" };
        await using var silo = await DashboardSilo.StartAsync(settings, jwt: true, remote: IPAddress.Parse("203.0.113.7"));
        using var anonymous = silo.CreateClient();
        using var ops = silo.CreateClient(TestTokens.Create("ops"));

        var none = await anonymous.GetAsync(Snapshot);
        var allowed = await ops.GetAsync(Snapshot);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Start_RoleAccessWithoutAuthentication_FailsWithHowToFix()
    {
        var settings = new Dictionary<string, string?> { ["Visco:Dashboard:Access"] = "Role" };

        var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() => DashboardSilo.StartAsync(settings));

        Assert.Contains("add one (e.g. JWT bearer) or set Access to Loopback", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SampleIntervalTooShort_FailsWithHowToFix()
    {
        var settings = new Dictionary<string, string?> { ["Visco:Dashboard:SampleInterval"] = "00:00:00.001" };

        var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() => DashboardSilo.StartAsync(settings));

        Assert.Contains("Visco:Dashboard:SampleInterval", thrown.Message, StringComparison.Ordinal);
    }
}
