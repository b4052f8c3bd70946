using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Visco.Api.Auth;

/// <summary>
/// Answers a missing or rejected token with 401, a <c>WWW-Authenticate</c> header (RFC 6750) and a problem body; a
/// valid token without the role with 403 and a problem body. Says what kind of failure it was, never the token's
/// contents or the validator's internals.
/// </summary>
internal static class BearerChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        var reason = Describe(context.AuthenticateFailure);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = reason is null
            ? "Bearer realm=\"visco\""
            : $"Bearer realm=\"visco\", error=\"invalid_token\", error_description=\"{reason}\"";
        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
            reason is null ? "A bearer token is required." : $"The bearer token was rejected: {reason}.");
    }

    public static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
            "The token does not grant a role that may do this.");
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string? Describe(Exception? failure) => failure switch
    {
        null => null,
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not yet valid",
        SecurityTokenInvalidIssuerException => "the issuer is not trusted",
        SecurityTokenInvalidAudienceException => "the audience is not this API",
        SecurityTokenInvalidAlgorithmException => "the signing algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException => "the signing key is not known",
        SecurityTokenInvalidSignatureException => "the signature is not valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        _ => "the token is not valid",
    };
}
