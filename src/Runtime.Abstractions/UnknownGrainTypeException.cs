namespace Visco.Runtime.Abstractions;

/// <summary>No grain class implements the interface asked for, or the grain id names a type nobody registered.</summary>
public sealed class UnknownGrainTypeException(string message) : ArgumentException(message);
