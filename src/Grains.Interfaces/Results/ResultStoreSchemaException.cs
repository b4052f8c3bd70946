namespace Visco.Grains.Interfaces.Results;

/// <summary>The results database has a schema this build cannot use (newer than it knows, or a failed migration).</summary>
public sealed class ResultStoreSchemaException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
