namespace Visco.Runtime.Abstractions;

/// <summary>
/// A grain interface breaks the contract: a method that does not return Task or ValueTask, or a parameter type that
/// cannot cross a silo boundary (a delegate, a pointer, a stream).
/// </summary>
public sealed class InvalidGrainInterfaceException(string message) : ArgumentException(message);
