namespace Visco.Runtime.Storage.Batching;

/// <summary>Which writer loop takes a write: one grain's writes always go to the same loop, so they stay in order.</summary>
internal interface IWriteRouter
{
    GroupCommitWriter ForGrain(string grainId);

    GroupCommitWriter ForStreams { get; }
}
