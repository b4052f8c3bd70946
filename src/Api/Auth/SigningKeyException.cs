namespace Visco.Api.Auth;

/// <summary>The embedded signing key file is unusable (unreadable, wrong kind of key, too permissive).</summary>
public sealed class SigningKeyException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
