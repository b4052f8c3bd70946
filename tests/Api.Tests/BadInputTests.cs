using System.Net;
using System.Text;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;

namespace Visco.Api.Tests;

/// <summary>Malformed JSON, wrong types, huge bodies and unknown routes: 4xx problems, never 500.</summary>
public sealed class BadInputTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Uri Devices = new("/api/v1/hospitals/h-a/devices", UriKind.Relative);

    private HttpClient Admin => fixture.Host.ClientFor(ApiRoles.DeviceAdmin, "h-a");

    [Theory]
    [InlineData("{\"deviceId\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"deviceId\": 42}")]
    [InlineData("{\"deviceId\": \"d\", \"certificateOnly\": \"yes\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task Post_MalformedOrMistypedJson_BadRequestProblem(string body)
    {
        var response = await Admin.PostAsync(Devices, new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_BodyOverLimit_PayloadTooLargeProblem()
    {
        var huge = "{\"deviceId\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await Admin.PostAsync(Devices, new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_PayloadTooLargeProblem()
    {
        var huge = Encoding.UTF8.GetBytes("{\"deviceId\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Devices) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Admin.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_WrongContentType_UnsupportedMediaTypeProblem()
    {
        var response = await Admin.PostAsync(Devices, new StringContent("deviceId=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Get_UnknownApiRoute_NotFoundProblem()
    {
        var response = await Admin.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_BadLastEventId_BadRequestProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/hospitals/h-a/live", UriKind.Relative));
        request.Headers.Add("Last-Event-ID", "%%%garbage");

        var response = await fixture.Host.ClientFor(ApiRoles.Clinician, "h-a").SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
