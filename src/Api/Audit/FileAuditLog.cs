using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Results;

namespace Visco.Api.Audit;

/// <summary>
/// The embedded default <see cref="IAuditLog"/>: JSON lines appended to one file (0600) and fsynced before an append
/// completes. Appends are group-committed: one writer drains every entry waiting, writes them and syncs once, so many
/// concurrent reads cost one fsync instead of one each. The file is only ever appended to. A deployment with a shared
/// database registers its own <see cref="IAuditLog"/> (this one is added only when none is).
/// </summary>
/// <remarks>
/// The writer is a thread of its own, woken directly by the appending request: as an async loop on the thread pool its
/// every wake-up queued behind whatever the pool held (grain turns of the measurement path), and its fsync held a
/// pool thread, both on the path of every read of clinical data.
/// </remarks>
public sealed partial class FileAuditLog : IAuditLog, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    // Never disposed: an append racing the dispose may still set it, and it holds no kernel handle.
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly Thread _writer;

    /// <summary>Opens (or creates) the log at <paramref name="path"/>.</summary>
    public FileAuditLog(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "visco-audit-writer" };
        _writer.Start();
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new PendingAppend(entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditUnavailableException("The audit log is closed.");
        }

        _wake.Set();

        // Not cancelled with the request: once queued the entry is written, and the caller must learn the outcome.
        return await pending.Completion.Task;
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var before = ParseCursor(query.Cursor);
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        var matches = new List<AuditEntry>();
        if (File.Exists(Path))
        {
            await using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (Parse(line) is { } entry && entry.Sequence < before && Matches(entry, query))
                {
                    matches.Add(entry);
                }
            }
        }

        var page = matches.OrderByDescending(e => e.Sequence).Take(limit + 1).ToList();
        var next = page.Count > limit ? page[limit - 1].Sequence.ToString(CultureInfo.InvariantCulture) : null;
        return new AuditPage(page.Take(limit).ToArray(), next is null ? null : "a" + next);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Every caller waits for the writer to drain and close the file, as the generic host may dispose twice.
        _queue.Writer.TryComplete();
        _wake.Set();
        _writer.Join();
        return ValueTask.CompletedTask;
    }

    private static bool Matches(AuditEntry entry, AuditQuery query) =>
        (query.From is null || entry.At >= query.From)
        && (query.To is null || entry.At < query.To)
        && (query.Subject is null || entry.Subject == query.Subject)
        && (query.HospitalId is null || entry.HospitalId == query.HospitalId);

    private static long ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return long.MaxValue;
        }

        return cursor.Length > 1 && cursor[0] == 'a'
            && long.TryParse(cursor.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : throw new InvalidCursorException("The audit cursor is not one this log issued.");
    }

    private static AuditEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditEntry);
        }
        catch (JsonException)
        {
            // A torn last line after a crash mid-write: that entry never completed, so it was never acknowledged.
            return null;
        }
    }

    private long ReadLastSequence()
    {
        if (!File.Exists(Path))
        {
            return 0;
        }

        long last = 0;
        using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            last = Math.Max(last, Parse(line)?.Sequence ?? 0);
        }

        return last;
    }
}
