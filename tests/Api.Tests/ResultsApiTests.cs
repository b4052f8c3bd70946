using System.Net;
using System.Net.Http.Json;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Tests;

/// <summary>Results by hospital, device and sample: paging, time range, bad parameters.</summary>
public sealed class ResultsApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private HttpClient Clinician => fixture.Host.ClientFor(ApiRoles.Clinician, "h-a");

    [Fact]
    public async Task GetHospitalResults_PagedByCursor_EveryResultOnceNewestFirst()
    {
        var first = await Clinician.GetFromJsonAsync<ResultPage>(new Uri("/api/v1/hospitals/h-a/results?limit=3", UriKind.Relative));
        var second = await Clinician.GetFromJsonAsync<ResultPage>(
            new Uri($"/api/v1/hospitals/h-a/results?limit=3&cursor={Uri.EscapeDataString(first!.NextCursor!)}", UriKind.Relative));

        var samples = first.Items.Concat(second!.Items).Select(r => r.SampleId).ToArray();
        Assert.Equal(["dev-a1-s0004", "dev-a1-s0003", "dev-a1-s0002", "dev-a1-s0001", "dev-a1-s0000"], samples);
        Assert.Null(second.NextCursor);
        Assert.All(first.Items.Concat(second.Items), r => Assert.Equal("h-a", r.HospitalId));
    }

    [Fact]
    public async Task GetDeviceResults_TimeRange_OnlyThatRange()
    {
        var from = Uri.EscapeDataString(Seed.Epoch.AddMinutes(1).ToString("O"));
        var to = Uri.EscapeDataString(Seed.Epoch.AddMinutes(3).ToString("O"));

        var page = await Clinician.GetFromJsonAsync<ResultPage>(
            new Uri($"/api/v1/hospitals/h-a/devices/dev-a1/results?from={from}&to={to}", UriKind.Relative));

        Assert.Equal(["dev-a1-s0002", "dev-a1-s0001"], page!.Items.Select(r => r.SampleId));
    }

    [Fact]
    public async Task GetSampleResults_Known_TheResultWithItsSweep()
    {
        var results = await Clinician.GetFromJsonAsync<StoredResult[]>(
            new Uri("/api/v1/hospitals/h-a/samples/dev-a1-s0002/results", UriKind.Relative));

        var result = Assert.Single(results!);
        Assert.Equal(("dev-a1", "1", "normal"), (result.DeviceId, result.ModelVersion, result.Class));
        Assert.Equal([5.0, 50.0, 300.0], result.ShearRate);
    }

    [Theory]
    [InlineData("/api/v1/hospitals/h-a/devices/dev-a1/results")]
    [InlineData("/api/v1/hospitals/h-a/results")]
    public async Task ListResults_SweepOnlyWhenAsked(string path)
    {
        var summaries = await Clinician.GetFromJsonAsync<ResultPage>(new Uri(path, UriKind.Relative));
        var full = await Clinician.GetFromJsonAsync<ResultPage>(new Uri(path + "?sweep=true", UriKind.Relative));

        Assert.NotEmpty(summaries!.Items);
        Assert.All(summaries.Items, r => Assert.Empty(r.ShearRate));
        Assert.All(summaries.Items, r => Assert.Empty(r.ShearStress));
        Assert.Equal(summaries.Items.Select(r => (r.SampleId, r.Class, r.HighShearViscosity)), full!.Items.Select(r => (r.SampleId, r.Class, r.HighShearViscosity)));
        Assert.All(full.Items, r => Assert.Equal([5.0, 50.0, 300.0], r.ShearRate));
    }

    [Theory]
    [InlineData("/api/v1/hospitals/h-a/results?sweep=maybe")]
    [InlineData("/api/v1/hospitals/h-a/results?cursor=not-a-cursor")]
    [InlineData("/api/v1/hospitals/h-a/results?cursor=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/api/v1/hospitals/h-a/devices/dev-a1/results?cursor=%2F%2F%2F")]
    [InlineData("/api/v1/hospitals/h-a/results?limit=abc")]
    [InlineData("/api/v1/hospitals/h-a/results?limit=0")]
    [InlineData("/api/v1/hospitals/h-a/results?limit=100000")]
    [InlineData("/api/v1/hospitals/h-a/results?from=yesterday")]
    [InlineData("/api/v1/hospitals/h-a/results?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")]
    public async Task GetResults_BadParameters_BadRequestProblem(string path)
    {
        var response = await Clinician.GetAsync(new Uri(path, UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
