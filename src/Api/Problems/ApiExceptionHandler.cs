using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Problems;

/// <summary>
/// Turns exceptions into problems that never leak internals: a request the framework could not read (malformed
/// JSON, wrong types, a body over the limit) keeps its 4xx status, a bad cursor is 400, an audit log that cannot
/// write is 503, everything else a bare 500 with the trace id to find it in the logs.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (bad.StatusCode, "Payload Too Large", "The request body is larger than this API accepts."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad Request", bad.Message),
            InvalidCursorException => (StatusCodes.Status400BadRequest, "Bad Request", "The cursor is not one this API issued."),
            AuditUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The audit log is unavailable; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", "An unexpected error occurred."),
        };

        if (status >= StatusCodes.Status500InternalServerError)
        {
            Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    private static partial void Unhandled(ILogger logger, Exception exception, string method, string path);
}
