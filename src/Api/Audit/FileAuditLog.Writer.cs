using System.Text.Json;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Audit;

/// <summary>The group-commit writer of <see cref="FileAuditLog"/>.</summary>
public sealed partial class FileAuditLog
{
    /// <summary>
    /// The writer thread: reset the signal, then drain the queue, so an entry queued after the last take sets the
    /// signal again and is never left waiting. Ends once the queue is completed and drained.
    /// </summary>
    private void WriteLoop()
    {
        FileStream? file = null;
        long sequence = 0;
        var batch = new List<PendingAppend>(MaxBatch);
        try
        {
            while (true)
            {
                _wake.Wait();
                _wake.Reset();
                while (TakeBatch(batch))
                {
                    WriteBatch(batch, ref file, ref sequence);
                }

                if (_queue.Reader.Completion.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            file?.Dispose();
        }
    }

    private bool TakeBatch(List<PendingAppend> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        return batch.Count > 0;
    }

    private void WriteBatch(List<PendingAppend> batch, ref FileStream? file, ref long sequence)
    {
        try
        {
            if (file is null)
            {
                sequence = ReadLastSequence();
                file = Open(Path);
            }

            var written = new AuditEntry[batch.Count];
            using var buffer = new MemoryStream();
            for (var i = 0; i < batch.Count; i++)
            {
                written[i] = batch[i].Entry with { Sequence = sequence + i + 1 };
                JsonSerializer.Serialize(buffer, written[i], AuditJsonContext.Default.AuditEntry);
                buffer.WriteByte((byte)'\n');
            }

            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush(flushToDisk: true);
            sequence += batch.Count;
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(written[i]);
            }
        }
#pragma warning disable CA1031 // Whatever failed, this batch's reads must fail with a clear error and the writer must go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The file may now end in a torn line; reopen and recount before the next batch.
            file?.Dispose();
            file = null;
            var failure = new AuditUnavailableException("The audit log could not be written.", exception);
            batch.ForEach(p => p.Completion.TrySetException(failure));
        }
    }

    private static FileStream Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        if (stream.Position > 0)
        {
            // Start on a fresh line in case the last write was torn by a crash.
            stream.WriteByte((byte)'\n');
        }

        return stream;
    }

    private sealed class PendingAppend(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;

        public TaskCompletionSource<AuditEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
