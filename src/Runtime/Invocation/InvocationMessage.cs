using System.Text.Json;

namespace Visco.Runtime.Invocation;

/// <summary>
/// A grain call as it crosses a silo boundary: the target grain, the interface and method by their stable wire names,
/// and the arguments as JSON (a CancellationToken never travels).
/// </summary>
/// <param name="Target">The grain id, <c>type/key</c>.</param>
/// <param name="Interface">The interface alias.</param>
/// <param name="Method">The method alias.</param>
/// <param name="Arguments">The arguments, serialized with their declared parameter types.</param>
public sealed record InvocationMessage(string Target, string Interface, string Method, IReadOnlyList<JsonElement> Arguments);
