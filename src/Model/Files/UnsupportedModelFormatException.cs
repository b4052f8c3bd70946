namespace Visco.Model.Files;

/// <summary>The file was written in a format version this build cannot read.</summary>
public sealed class UnsupportedModelFormatException : ModelFileException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedModelFormatException(int formatVersion)
        : base($"Model file format version {formatVersion} is not supported; this build reads version {ModelFile.FormatVersion}.")
    {
        FileFormatVersion = formatVersion;
    }

    /// <summary>The format version found in the file.</summary>
    public int FileFormatVersion { get; }
}
