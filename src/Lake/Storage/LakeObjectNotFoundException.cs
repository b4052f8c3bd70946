namespace Visco.Lake.Storage;

/// <summary>The requested lake object does not exist.</summary>
public sealed class LakeObjectNotFoundException : LakeStorageException
{
    /// <summary>Creates the exception.</summary>
    public LakeObjectNotFoundException(string path, Exception? inner = null)
        : base(path, "not found", inner)
    {
    }
}
