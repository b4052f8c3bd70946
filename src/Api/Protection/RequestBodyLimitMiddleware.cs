using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Visco.Api.Protection;

/// <summary>
/// Caps request bodies under <c>/api</c>: a declared length over the cap is refused before anything is read (413),
/// and a body without a declared length is cut off at the cap by the server (Kestrel's limit) or, where the server
/// offers no limit, by a counting stream. Reading past the cap throws the framework's 413 request exception, which
/// the exception handler turns into a problem.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, long maxBytes)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = maxBytes;
        }
        else if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, maxBytes);
        }

        return next(context);
    }
}
