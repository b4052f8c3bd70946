namespace Visco.Lake.Parquet;

/// <summary>
/// The file is not valid Parquet: bad magic, footer length out of range, undecodable metadata, a page whose size or
/// CRC does not match, truncated data.
/// </summary>
public sealed class ParquetFormatException : ParquetException
{
    /// <summary>Creates the exception.</summary>
    public ParquetFormatException(string fileName, string message, Exception? inner = null)
        : base(fileName, message, inner)
    {
    }
}
