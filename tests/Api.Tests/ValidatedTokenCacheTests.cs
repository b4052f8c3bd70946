using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Visco.Api.Auth;
using Visco.Api.Tests.Hosting;
using Visco.TestKit;

namespace Visco.Api.Tests;

/// <summary>
/// The validated-token cache: a token is fully checked on first sight, then trusted by its digest until its expiry and
/// for at most five minutes; failures are never cached, and no request sees what another did to its principal.
/// </summary>
public sealed class ValidatedTokenCacheTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private ApiHost Host => fixture.Host;

    private TokenValidationParameters Parameters =>
        Host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;

    [Fact]
    public async Task ValidateTokenAsync_SameTokenTwice_EachGetsItsOwnIdentity()
    {
        var handler = new CachingJsonWebTokenHandler(new ManualTimeProvider(DateTimeOffset.UtcNow)) { MapInboundClaims = false };
        var token = Host.Mint(ApiRoles.Clinician, "h-a");

        var first = await handler.ValidateTokenAsync(token, Parameters);
        first.ClaimsIdentity.AddClaim(new Claim("roles", ApiRoles.Ops));
        var second = await handler.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, handler.Count);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal([ApiRoles.Clinician], second.ClaimsIdentity.FindAll("roles").Select(c => c.Value));
        Assert.Equal("clinician-user", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal(first.SecurityToken.ValidTo, second.SecurityToken.ValidTo);
    }

    [Fact]
    public async Task ValidateTokenAsync_Invalid_NotCachedAndRefusedEveryTime()
    {
        var handler = new CachingJsonWebTokenHandler(new ManualTimeProvider(DateTimeOffset.UtcNow)) { MapInboundClaims = false };
        var token = Host.Mint(ApiRoles.Clinician, "h-a");
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        Assert.False((await handler.ValidateTokenAsync(tampered, Parameters)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(tampered, Parameters)).IsValid);
        Assert.Equal(0, handler.Count);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);
    }

    [Fact]
    public async Task ValidateTokenAsync_KeyWithdrawn_TrustedAtMostFiveMinutes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var handler = new CachingJsonWebTokenHandler(clock) { MapInboundClaims = false };
        var token = Host.Mint(ApiRoles.Clinician, "h-a");
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);
        var withdrawn = Parameters.Clone();
        withdrawn.IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "other" };

        clock.Advance(CachingJsonWebTokenHandler.MaxEntryAge - TimeSpan.FromSeconds(1));
        var stillTrusted = await handler.ValidateTokenAsync(token, withdrawn);
        clock.Advance(TimeSpan.FromSeconds(2));
        var checkedAgain = await handler.ValidateTokenAsync(token, withdrawn);

        Assert.True(stillTrusted.IsValid);
        Assert.False(checkedAgain.IsValid);
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task ValidateTokenAsync_TokenExpiresBeforeFiveMinutes_TrustedOnlyUntilItsExpiry()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var handler = new CachingJsonWebTokenHandler(clock) { MapInboundClaims = false };
        var token = Host.Tokens.Mint(new TokenRequest("short", [ApiRoles.Clinician], ["h-a"], TimeSpan.FromMinutes(1)));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);
        var withdrawn = Parameters.Clone();
        withdrawn.IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "other" };

        // Past the token's exp (one minute) but well within five minutes: the entry is gone, so the token is checked again.
        clock.Advance(TimeSpan.FromSeconds(61));

        Assert.False((await handler.ValidateTokenAsync(token, withdrawn)).IsValid);
    }

    [Fact]
    public async Task Get_SameTokenManyRequests_EachAuthorizedOnItsOwnClaims()
    {
        var clinician = Host.ClientFor(ApiRoles.Clinician, "h-a");
        var ops = Host.ClientFor(ApiRoles.Ops, "h-a");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync(new Uri("/api/v1/hospitals/h-a/results", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync(new Uri("/api/v1/hospitals/h-a/results", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync(new Uri("/api/v1/hospitals/h-b/results", UriKind.Relative))).StatusCode);
        }
    }
}
