using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Visco.Api.OpenApi;

/// <summary>
/// A small browsable page at <c>/openapi</c> that lists the operations of <c>/openapi/v1.json</c>. Embedded in the
/// assembly and self-contained (no CDN), so it works on an isolated hospital network.
/// </summary>
public static class OpenApiUi
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(OpenApiUi).Assembly.GetManifestResourceStream("Visco.Api.OpenApi.openapi.html")
            ?? throw new InvalidOperationException("The OpenAPI page is missing from the assembly; rebuild Visco.Api.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Maps <c>GET /openapi</c>.</summary>
    public static IEndpointRouteBuilder MapOpenApiUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/openapi", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8"))
            .WithName("OpenApiPage")
            .ExcludeFromDescription();
        return endpoints;
    }
}
