using Visco.Api.Audit;
using Visco.Grains.Interfaces.Api;
using Visco.Grains.Interfaces.Results;
using Visco.TestKit;

namespace Visco.Api.Tests;

/// <summary>The file audit log: durable sequence across restarts, paging, owner-only file, concurrent appends.</summary>
public sealed class FileAuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("visco-audit-").FullName;

    private string LogPath => Path.Combine(_directory, "audit", "api-audit.jsonl");

    public void Dispose() => TemporaryDirectory.Delete(_directory);

    [Fact]
    public async Task Append_AfterReopen_SequenceContinuesAndEntriesKept()
    {
        await using (var first = new FileAuditLog(LogPath))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => first.AppendAsync(Entry($"u{i}"))));
        }

        await using var second = new FileAuditLog(LogPath);
        var appended = await second.AppendAsync(Entry("after"));
        var all = await second.QueryAsync(new AuditQuery(Limit: 1000));

        Assert.Equal(51, appended.Sequence);
        Assert.Equal(Enumerable.Range(1, 51).Reverse().Select(i => (long)i), all.Items.Select(e => e.Sequence));
        Assert.Equal(51, all.Items.Select(e => e.Subject).Distinct().Count());
    }

    [Fact]
    public async Task Query_ByCursorAndSubject_PagesWithoutOverlap()
    {
        await using var log = new FileAuditLog(LogPath);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(Entry(i % 2 == 0 ? "even" : "odd"));
        }

        var first = await log.QueryAsync(new AuditQuery(Subject: "even", Limit: 2));
        var second = await log.QueryAsync(new AuditQuery(Subject: "even", Limit: 2, Cursor: first.NextCursor));

        Assert.Equal([5L, 3L], first.Items.Select(e => e.Sequence));
        Assert.Equal([1L], second.Items.Select(e => e.Sequence));
        Assert.Null(second.NextCursor);
        await Assert.ThrowsAsync<InvalidCursorException>(() => log.QueryAsync(new AuditQuery(Cursor: "12")));
    }

    [Fact]
    public async Task Append_NewFile_OwnerOnly()
    {
        await using var log = new FileAuditLog(LogPath);
        await log.AppendAsync(Entry("x"));

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogPath));
        }
    }

    [Fact]
    public async Task Append_PathIsADirectory_AuditUnavailable()
    {
        Directory.CreateDirectory(LogPath);
        await using var log = new FileAuditLog(LogPath);

        await Assert.ThrowsAsync<AuditUnavailableException>(() => log.AppendAsync(Entry("x")));
    }

    private static AuditEntry Entry(string subject) => new(
        0, DateTimeOffset.UtcNow, subject, ["ops"], "GET /api/v1/audit", null, new Dictionary<string, string>(), "127.0.0.1", 200);
}
