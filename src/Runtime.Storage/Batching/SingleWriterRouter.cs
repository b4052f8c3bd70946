namespace Visco.Runtime.Storage.Batching;

/// <summary>Every write through one loop (SQLite has one writer anyway; one loop keeps all writes in one order).</summary>
internal sealed class SingleWriterRouter(GroupCommitWriter writer) : IWriteRouter
{
    public GroupCommitWriter ForStreams { get; } = writer;

    public GroupCommitWriter ForGrain(string grainId) => ForStreams;
}
