using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Logging;
using Visco.Firmware.Configuration;

namespace Visco.Firmware.Queue;

/// <summary>
/// The crash-safe queue of a real analyser: one file per measurement in a folder, written to a temporary name,
/// flushed to disk (fsync) and renamed into place, so after a power cut a measurement is either whole under its final
/// name or absent (and then <see cref="MeasurementQueue.Enqueue"/> never returned, so nobody was told it was kept).
/// Acknowledged measurements are deleted. On open, leftovers of an interrupted write are removed and damaged files
/// are set aside as <c>.corrupt</c> with a log line, never silently read.
/// </summary>
public sealed class FileMeasurementQueue : MeasurementQueue
{
    private const string Extension = ".msg";
    private static readonly byte[] Magic = "VQM1"u8.ToArray();
    private readonly string _directory;

    /// <summary>Opens (or creates) the queue in <paramref name="directory"/> and restores what it holds.</summary>
    public FileMeasurementQueue(string directory, int capacity, QueueFullPolicy policy, ILogger logger)
        : base(capacity, policy)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _directory = directory;
        SecureFiles.CreatePrivateDirectory(directory);
        Restore(Load(logger));
    }

    /// <summary>The folder holding the queue.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    protected override void Persist(QueuedMeasurement entry)
    {
        var final = PathOf(entry.Sequence);
        var temporary = final + ".tmp";
        var id = Encoding.UTF8.GetBytes(entry.SampleId);
        var record = new byte[Magic.Length + 2 + id.Length + 4 + entry.Payload.Length];
        Magic.CopyTo(record, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(4), (ushort)id.Length);
        id.CopyTo(record, 6);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(6 + id.Length), entry.Payload.Length);
        entry.Payload.Span.CopyTo(record.AsSpan(10 + id.Length));
        try
        {
            using (var stream = new FileStream(temporary, SecureFiles.CreateOptions))
            {
                stream.Write(record);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, final, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new MeasurementStorageException($"cannot store measurement {entry.SampleId} in {_directory}: {exception.Message}", exception);
        }
    }

    /// <inheritdoc />
    protected override void Delete(long sequence) => TryDelete(PathOf(sequence));

    /// <inheritdoc />
    protected override void ClearStorage()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A file we cannot delete is resent after a restart and deduplicated by the cloud: harmless.
        }
    }

    private string PathOf(long sequence) => Path.Combine(_directory, sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + Extension);

    private List<QueuedMeasurement> Load(ILogger logger)
    {
        var entries = new List<QueuedMeasurement>();
        foreach (var leftover in System.IO.Directory.EnumerateFiles(_directory, "*.tmp"))
        {
            TryDelete(leftover);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var entry = long.TryParse(name, out var sequence) ? TryRead(file, sequence) : null;
            if (entry is null)
            {
                FirmwareLog.QueueFileCorrupt(logger, file);
                File.Move(file, file + ".corrupt", overwrite: true);
                continue;
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static QueuedMeasurement? TryRead(string file, long sequence)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4));
        if (bytes.Length < 10 + idLength || idLength == 0)
        {
            return null;
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6 + idLength));
        if (payloadLength < 0 || bytes.Length != 10 + idLength + payloadLength)
        {
            return null;
        }

        var sampleId = Encoding.UTF8.GetString(bytes, 6, idLength);
        return new QueuedMeasurement(sequence, sampleId, bytes.AsMemory(10 + idLength));
    }
}
