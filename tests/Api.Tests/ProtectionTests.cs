using System.Net;
using Microsoft.Extensions.Options;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.TestKit;

namespace Visco.Api.Tests;

/// <summary>Rate limiting, CORS, OpenAPI, start-up validation and the embedded signing key.</summary>
public sealed class ProtectionTests
{
    [Fact]
    public async Task Host_RateCorsOpenApiAndKey_BehaveAsConfigured()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Visco:Api:RateLimitPerSecond"] = "1",
            ["Visco:Api:RateLimitBurst"] = "2",
            ["Visco:Api:CorsOrigins:0"] = "https://app.example.org",
        });
        await Seed.HospitalWithDeviceAsync(host, "h-a", "dev-a1");
        var uri = new Uri("/api/v1/hospitals/h-a", UriKind.Relative);
        var client = host.ClientFor(ApiRoles.Clinician, "h-a");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await client.GetAsync(uri);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        await ProblemAssert.IsProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.NotNull(last.Headers.RetryAfter);

        Assert.Equal("https://app.example.org", await PreflightAsync(host, "https://app.example.org"));
        Assert.Null(await PreflightAsync(host, "https://evil.example"));

        var document = await host.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/v1/hospitals/{hospitalId}/results", document, StringComparison.Ordinal);
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        var page = await host.Client.GetStringAsync(new Uri("/openapi", UriKind.Relative));
        Assert.Contains("/openapi/v1.json", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://cdn", page, StringComparison.Ordinal);

        var keyFile = Path.Combine(host.DataDirectory, "keys", "api-signing-key.pem");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(keyFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.True(File.Exists(keyFile));
    }

    [Fact]
    public async Task Restart_SameDataDirectory_SameKeyAndOldTokensStillValid()
    {
        var directory = Directory.CreateTempSubdirectory("visco-api-key-").FullName;
        try
        {
            string token, kid;
            await using (var first = await ApiHost.StartAsync(dataDirectory: directory))
            {
                await Seed.HospitalWithDeviceAsync(first, "h-a", "dev-a1");
                token = first.Mint(ApiRoles.Clinician, "h-a");
                kid = ((SigningKeyStore)first.Services.GetService(typeof(SigningKeyStore))!).KeyId;
            }

            await using var second = await ApiHost.StartAsync(dataDirectory: directory);
            var response = await second.ClientWith(token).GetAsync(new Uri("/api/v1/hospitals/h-a", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(kid, ((SigningKeyStore)second.Services.GetService(typeof(SigningKeyStore))!).KeyId);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TemporaryDirectory.Delete(directory);
        }
    }

    [Fact]
    public void SigningKey_ReadableByOthers_RefusedWithFix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("visco-api-key-").FullName;
        try
        {
            var path = Path.Combine(directory, "k.pem");
            _ = new SigningKeyStore(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

            var thrown = Assert.Throws<SigningKeyException>(() => new SigningKeyStore(path));

            Assert.Contains("chmod 600", thrown.Message, StringComparison.Ordinal);
        }
        finally
        {
            TemporaryDirectory.Delete(directory);
        }
    }

    [Theory]
    [InlineData("Visco:Api:Auth:Mode", "oidc", "Authority")]
    [InlineData("Visco:Api:Auth:ValidAlgorithms:0", "HS256", "only asymmetric algorithms")]
    [InlineData("Visco:Api:Auth:Mode", "ldap", "use 'embedded'")]
    public async Task Start_BadAuthSettings_FailsWithHowToFix(string key, string value, string hint)
    {
        var thrown = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(hint, thrown.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> PreflightAsync(ApiHost host, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v1/hospitals/h-a/results", UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        var response = await host.Client.SendAsync(request);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
