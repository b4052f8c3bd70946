namespace Visco.Lake.Storage;

/// <summary>A lake store operation failed (disk full, permission, network). Names the lake path concerned.</summary>
public class LakeStorageException : IOException
{
    /// <summary>Creates the exception.</summary>
    public LakeStorageException(string path, string message, Exception? inner = null)
        : base($"lake file '{path}': {message}", inner)
    {
        LakePath = path;
    }

    /// <summary>The lake path concerned.</summary>
    public string LakePath { get; }

    /// <summary>True when the cause was a full disk or exceeded quota.</summary>
    public bool IsDiskFull { get; init; }
}
