using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;

namespace Visco.Api.Tests;

/// <summary>The JWT battery (RFC 8725): every bad token is a 401 problem with a WWW-Authenticate challenge.</summary>
public sealed class SecurityTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Uri Results = new("/api/v1/hospitals/h-a/results", UriKind.Relative);

    private ApiHost Host => fixture.Host;

    private SigningKeyStore Keys => Host.Services.GetRequiredService<SigningKeyStore>();

    public static TheoryData<string> BadTokenKinds =>
    [
        "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "alg-none", "hs256-public-key", "tampered",
        "unknown-kid", "foreign-key", "garbage",
    ];

    [Fact]
    public async Task Get_ValidToken_Ok()
    {
        var response = await Host.ClientFor(ApiRoles.Clinician, "h-a").GetAsync(Results);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_NoToken_Unauthorized()
    {
        var response = await Host.Client.GetAsync(Results);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [MemberData(nameof(BadTokenKinds))]
    public async Task Get_BadToken_UnauthorizedWithChallenge(string kind)
    {
        var now = DateTime.UtcNow;
        var token = kind switch
        {
            "expired" => BadTokens.Sign(Keys.Key, notBefore: now.AddHours(-3), expires: now.AddHours(-1)),
            "not-yet-valid" => BadTokens.Sign(Keys.Key, notBefore: now.AddHours(1), expires: now.AddHours(2)),
            "wrong-issuer" => BadTokens.Sign(Keys.Key, issuer: "https://evil.example"),
            "wrong-audience" => BadTokens.Sign(Keys.Key, audience: "another-api"),
            "alg-none" => BadTokens.AlgNone(),
            "hs256-public-key" => BadTokens.Hs256WithPublicKey(Keys),
            "tampered" => BadTokens.Tampered(BadTokens.Sign(Keys.Key)),
            "unknown-kid" => BadTokens.UnknownKid(Keys),
            "foreign-key" => BadTokens.ForeignKey(Keys),
            _ => "not.a.jwt",
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, Results);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await Host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SignedByOwnKeyWithoutTampering_ControlForBatteryOk()
    {
        // The battery's helper signs acceptable tokens when nothing is wrong, so each 401 above is for its one defect.
        var response = await Host.ClientWith(BadTokens.Sign(Keys.Key)).GetAsync(Results);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WrongRole_ForbiddenProblem()
    {
        var response = await Host.ClientFor(ApiRoles.DataScientist, "h-a").GetAsync(Results);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Mint_ClinicianWithoutHospitals_Refused()
    {
        var thrown = Assert.Throws<InvalidTokenRequestException>(() =>
            Host.Tokens.Mint(new TokenRequest("u", [ApiRoles.Clinician], [ApiRoles.AllHospitals], TimeSpan.FromHours(1))));

        Assert.Contains("clinician", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mint_LifetimeOverMaximum_Refused()
    {
        Assert.Throws<InvalidTokenRequestException>(() =>
            Host.Tokens.Mint(new TokenRequest("u", [ApiRoles.Ops], ["*"], TimeSpan.FromDays(2))));
    }

    [Fact]
    public void Mint_Token_CarriesKidAndEs256()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(Host.Mint(ApiRoles.Ops, "*"));

        Assert.Equal(SecurityAlgorithms.EcdsaSha256, token.Alg);
        Assert.Equal(Keys.KeyId, token.Kid);
        Assert.Equal(["ops"], token.GetPayloadValue<string[]>("roles"));
    }
}
