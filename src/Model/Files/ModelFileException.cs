namespace Visco.Model.Files;

/// <summary>Base of the errors a model file can raise on load; catch this to handle any unusable file.</summary>
public abstract class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModelFileException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
