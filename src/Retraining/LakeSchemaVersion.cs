namespace Visco.Retraining;

/// <summary>
/// The lake schema version this build reads, as stamped in a file's key-value metadata under <see cref="Key"/>
/// (the archive writes it; a file without it is version 1). A file of a newer version is refused, never guessed at.
/// </summary>
public static class LakeSchemaVersion
{
    /// <summary>The metadata key.</summary>
    public const string Key = "visco.lake.schema_version";

    /// <summary>The newest version this build understands.</summary>
    public const int Supported = 1;
}
