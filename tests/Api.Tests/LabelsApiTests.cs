using System.Net;
using System.Net.Http.Json;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Tests;

/// <summary>Lab references for samples, through the domain's label store (SQLite, archived to the lake).</summary>
public sealed class LabelsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private HttpClient Clinician => fixture.Host.ClientFor(ApiRoles.Clinician, "h-a");

    [Fact]
    public async Task RecordLabel_OwnSample_CreatedAndReadBack()
    {
        var uri = new Uri("/api/v1/hospitals/h-a/samples/dev-a1-s0003/labels", UriKind.Relative);

        var response = await Clinician.PostAsJsonAsync(uri, new { referenceViscosityLow = 6.1, referenceClass = "elevated", source = "lab-rheometer" });
        var labels = await Clinician.GetFromJsonAsync<SampleLabel[]>(uri);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var label = Assert.Single(labels!);
        Assert.Equal((6.1, "elevated", "clinician-user"), (label.ReferenceViscosityLow, label.ReferenceClass, label.RecordedBy));
    }

    [Theory]
    [InlineData("/api/v1/hospitals/h-a/samples/dev-b1-s0001/labels", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/hospitals/h-b/samples/dev-b1-s0001/labels", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/hospitals/h-a/samples/no-such-sample/labels", HttpStatusCode.NotFound)]
    public async Task RecordLabel_NotOwnOrMissingSample_NotFound(string path, HttpStatusCode status)
    {
        var response = await Clinician.PostAsJsonAsync(new Uri(path, UriKind.Relative), new { referenceClass = "normal", source = "lab" });

        await ProblemAssert.IsProblemAsync(response, status);
    }

    [Fact]
    public async Task RecordLabel_UnknownClass_BadRequest()
    {
        var response = await Clinician.PostAsJsonAsync(
            new Uri("/api/v1/hospitals/h-a/samples/dev-a1-s0003/labels", UriKind.Relative), new { referenceClass = "purple", source = "lab" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
