namespace Visco.Lake.Parquet;

/// <summary>
/// A Parquet file could not be read or written. Always names the file, so a bad file in a lake of thousands can be
/// found from the log line alone. Base of <see cref="ParquetFormatException"/> and
/// <see cref="ParquetUnsupportedException"/>.
/// </summary>
public class ParquetException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ParquetException(string fileName, string message, Exception? inner = null)
        : base($"{fileName}: {message}", inner)
    {
        FileName = fileName;
    }

    /// <summary>The file (path or lake key) concerned.</summary>
    public string FileName { get; }
}
