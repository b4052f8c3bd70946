using System.Text.Json;
using Visco.Grains.Interfaces.Api;

namespace Visco.Api.Audit;

/// <summary>The group-commit writer of <see cref="FileAuditLog"/>.</summary>
public sealed partial class FileAuditLog
{
    private async Task WriteLoopAsync()
    {
        FileStream? file = null;
        long sequence = 0;
        var batch = new List<PendingAppend>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    if (file is null)
                    {
                        sequence = await ReadLastSequenceAsync();
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

                    await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
                    file.Flush(flushToDisk: true);
                    sequence += batch.Count;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Completion.TrySetResult(written[i]);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The file may now end in a torn line; reopen and recount before the next batch.
                    file?.Dispose();
                    file = null;
                    var failure = new AuditUnavailableException("The audit log could not be written.", exception);
                    batch.ForEach(p => p.Completion.TrySetException(failure));
                }
            }
        }
        finally
        {
            file?.Dispose();
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
