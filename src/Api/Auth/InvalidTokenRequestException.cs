namespace Visco.Api.Auth;

/// <summary>A token was asked for with an unknown role, a clinician without hospitals, or a lifetime out of range.</summary>
public sealed class InvalidTokenRequestException(string message) : ArgumentException(message);
