namespace Visco.Runtime.Abstractions;

/// <summary>A grain call got no response within the call timeout.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);
