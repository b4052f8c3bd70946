using Visco.Firmware.Agent;
using Visco.Firmware.Configuration;
using Visco.Firmware.Queue;
using Visco.Firmware.Tests.Support;

namespace Visco.Firmware.Tests;

public sealed class QueueTests
{
    private static readonly byte[] Payload = "{\"v\":1}"u8.ToArray();

    [Fact]
    public void Reopen_AfterCrash_RestoresEntriesInOrderAndIgnoresTornWrites()
    {
        var directory = TestAgents.NewStateDirectory();
        var logger = new ListLogger();
        using (var queue = new FileMeasurementQueue(directory, 10, QueueFullPolicy.RefuseNew, logger))
        {
            queue.Enqueue("a", Payload);
            queue.Enqueue("b", Payload);
            queue.Enqueue("c", Payload);
            queue.Remove(2);
        }

        File.WriteAllBytes(Path.Combine(directory, "0000000000000000009.msg.tmp"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(directory, "0000000000000000008.msg"), "VQM1"u8.ToArray());

        using var reopened = new FileMeasurementQueue(directory, 10, QueueFullPolicy.RefuseNew, logger);
        var entries = reopened.Peek(10);
        Assert.Equal(["a", "c"], entries.Select(e => e.SampleId));
        Assert.Equal(Payload, entries[0].Payload.ToArray());
        Assert.Equal(4, reopened.Enqueue("d", Payload).Entry!.Sequence);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
        Assert.True(logger.Contains("set aside as .corrupt"));
    }

    [Fact]
    public void Enqueue_FullWithRefuseNew_RefusesAndKeepsQueued()
    {
        using var queue = new FileMeasurementQueue(TestAgents.NewStateDirectory(), 2, QueueFullPolicy.RefuseNew, new ListLogger());
        queue.Enqueue("a", Payload);
        queue.Enqueue("b", Payload);

        var result = queue.Enqueue("c", Payload);

        Assert.Equal(EnqueueOutcome.RefusedFull, result.Outcome);
        Assert.Equal(["a", "b"], queue.Peek(10).Select(e => e.SampleId));
    }

    [Fact]
    public void Enqueue_FullWithDropOldest_DiscardsOldestFile()
    {
        var directory = TestAgents.NewStateDirectory();
        using var queue = new FileMeasurementQueue(directory, 2, QueueFullPolicy.DropOldest, new ListLogger());
        queue.Enqueue("a", Payload);
        queue.Enqueue("b", Payload);

        var result = queue.Enqueue("c", Payload);

        Assert.Equal(EnqueueOutcome.AcceptedDroppedOldest, result.Outcome);
        Assert.Equal("a", result.Dropped!.SampleId);
        Assert.Equal(["b", "c"], queue.Peek(10).Select(e => e.SampleId));
        Assert.Equal(2, Directory.GetFiles(directory, "*.msg").Length);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Enqueue_CreatesFilesOnlyTheOwnerCanRead()
    {
        var directory = TestAgents.NewStateDirectory();
        using var queue = new FileMeasurementQueue(directory, 2, QueueFullPolicy.DropOldest, new ListLogger());
        queue.Enqueue("a", Payload);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Directory.GetFiles(directory, "*.msg").Single()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public async Task Measure_QueueFullWithRefuseNew_RefusesWithClearLogLine()
    {
        var options = TestAgents.Options(1, TestAgents.NewStateDirectory());
        options.Queue.Capacity = 2;
        var logger = new ListLogger();
        await using var agent = TestAgents.Create(options, logger: logger);

        await agent.MeasureAsync();
        await agent.MeasureAsync();
        var third = await agent.MeasureAsync();

        Assert.Equal(MeasurementStatus.RefusedQueueFull, third.Status);
        Assert.Equal(2, agent.QueueDepth);
        Assert.True(logger.Contains($"measurement {third.SampleId} refused (policy refuse-new)"));
    }

    [Fact]
    public async Task Measure_QueueFullWithDropOldest_KeepsNewestAndLogsDrop()
    {
        var options = TestAgents.Options(1, TestAgents.NewStateDirectory());
        options.Queue.Capacity = 2;
        options.Queue.FullPolicy = QueueFullPolicy.DropOldest;
        var logger = new ListLogger();
        await using var agent = TestAgents.Create(options, logger: logger);

        var first = await agent.MeasureAsync();
        await agent.MeasureAsync();
        var third = await agent.MeasureAsync();

        Assert.Equal(MeasurementStatus.QueuedDroppedOldest, third.Status);
        Assert.Equal(2, agent.QueueDepth);
        Assert.True(logger.Contains($"oldest measurement {first.SampleId} discarded"));
    }
}
