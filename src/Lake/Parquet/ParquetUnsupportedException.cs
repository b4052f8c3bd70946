namespace Visco.Lake.Parquet;

/// <summary>
/// The file is valid Parquet but uses something this library does not read: a codec other than GZIP/UNCOMPRESSED, an
/// encoding beyond PLAIN/dictionary/RLE, nested groups other than a standard list, encryption, or a newer logical type.
/// </summary>
public sealed class ParquetUnsupportedException : ParquetException
{
    /// <summary>Creates the exception.</summary>
    public ParquetUnsupportedException(string fileName, string message, Exception? inner = null)
        : base(fileName, message, inner)
    {
    }
}
