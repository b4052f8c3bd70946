namespace Visco.Runtime.Abstractions;

/// <summary>
/// A call would wait on itself: it reached a non-reentrant grain that is already busy further up the same call chain
/// (a grain calling itself, or a cycle of grains). Thrown at once instead of waiting for the timeout.
/// </summary>
public sealed class DeadlockException(string message) : InvalidOperationException(message);
