using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Audit;

/// <summary>
/// Records every audited request (who, what, when, from where, outcome) after its handler decided the answer and
/// before the answer is written: if the entry cannot be written the caller gets 503 instead of the data, so no read
/// of clinical data goes unrecorded. Requests the tenant check refused are recorded too, with their 404.
/// </summary>
internal sealed partial class AuditFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            await TryRecordFailureAsync(http);
            throw;
        }

        var status = StatusOf(result);
        try
        {
            await Log(http).AppendAsync(Entry(http, status), CancellationToken.None);
        }
        catch (AuditUnavailableException exception)
        {
            AuditWriteFailed(Logger(http), exception, http.Request.Method, RoutePattern(http));
            return ApiProblems.Unavailable("The audit log is unavailable, so the request was not served; retry later.");
        }

        return result;
    }

    /// <summary>The status the caller gets, looking inside <c>Results&lt;...&gt;</c> unions (a handler's 404 is not a 200).</summary>
    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    private static async Task TryRecordFailureAsync(HttpContext http)
    {
        try
        {
            await Log(http).AppendAsync(Entry(http, StatusCodes.Status500InternalServerError), CancellationToken.None);
        }
        catch (AuditUnavailableException exception)
        {
            AuditWriteFailed(Logger(http), exception, http.Request.Method, RoutePattern(http));
        }
    }

    private static AuditEntry Entry(HttpContext http, int status)
    {
        var caller = ApiCaller.Of(http);
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Request.RouteValues)
        {
            if (key != "hospitalId" && value is string text)
            {
                resources[key] = text;
            }
        }

        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return new AuditEntry(
            0,
            time.GetUtcNow(),
            caller.Subject,
            caller.Roles,
            $"{http.Request.Method} {RoutePattern(http)}",
            http.GetRouteValue("hospitalId") as string,
            resources,
            http.Connection.RemoteIpAddress?.ToString(),
            status);
    }

    private static string RoutePattern(HttpContext http) =>
        ((http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "").TrimEnd('/');

    private static IAuditLog Log(HttpContext http) => http.RequestServices.GetRequiredService<IAuditLog>();

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILogger<AuditFilter>>();

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Audit entry for {Method} {Route} could not be written; request refused")]
    private static partial void AuditWriteFailed(ILogger logger, Exception exception, string method, string route);
}
