namespace Visco.Firmware.Queue;

/// <summary>The queue could not make a measurement durable (disk full, read-only or failing storage).</summary>
public sealed class MeasurementStorageException(string message, Exception innerException) : Exception(message, innerException)
{
    /// <summary>Whether the cause is a full disk (ENOSPC), which the operator can fix by freeing space.</summary>
    public bool DiskFull => InnerException is IOException { HResult: var code } && (code & 0xFFFF) is 28 or 112;
}
