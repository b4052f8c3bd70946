using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Visco.Api.Problems;

/// <summary>The API's RFC 7807 problems, so the same situation always reads the same.</summary>
public static class ApiProblems
{
    /// <summary>
    /// The one "not found": for what does not exist and for what belongs to another hospital alike, with no ids,
    /// so the two cannot be told apart.
    /// </summary>
    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "The resource does not exist.");

    /// <summary>A request the API cannot take as sent, saying what to change.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: detail);

    /// <summary>A request that conflicts with the resource's state.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>A dependency the request needs is down; retry later.</summary>
    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: detail);
}
