namespace Visco.Model.Files;

/// <summary>The file is truncated, not a model file, or its content does not match its SHA-256 hash.</summary>
public sealed class ModelFileCorruptException : ModelFileException
{
    /// <summary>Creates the exception.</summary>
    public ModelFileCorruptException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
