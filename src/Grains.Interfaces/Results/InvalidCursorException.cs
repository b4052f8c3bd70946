namespace Visco.Grains.Interfaces.Results;

/// <summary>A page cursor that this store did not issue (malformed or tampered); the API answers 400.</summary>
public sealed class InvalidCursorException(string message) : ArgumentException(message);
