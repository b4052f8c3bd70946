using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.Abstractions.Streams;

namespace Visco.Runtime.Storage;

/// <summary>The exceptions every provider throws, worded the same way so logs read alike whatever the backend.</summary>
internal static class StorageErrors
{
    public static InconsistentStateException Conflict(
        string provider, string operation, string grainId, string stateName, string? storedEtag, string? expectedEtag)
    {
        var stored = storedEtag is null ? "no record" : $"ETag '{storedEtag}'";
        var expected = expectedEtag is null ? "no record" : $"ETag '{expectedEtag}'";
        return new InconsistentStateException(
            $"{provider}: {operation} of state '{stateName}' of grain {grainId} expected {expected} but storage holds {stored}; " +
            "another activation or writer changed it since it was read. Nothing was written; re-read the state.",
            storedEtag,
            expectedEtag);
    }

    public static InconsistentStateException Conflict(
        string provider, string operation, GrainId grainId, string stateName, string? storedEtag, string? expectedEtag) =>
        Conflict(provider, operation, grainId.ToString(), stateName, storedEtag, expectedEtag);

    public static StorageUnavailableException Aborted(string provider, string operation, string target) =>
        new($"{provider}: {operation} of {target} failed because the store was aborted (simulated crash) before it was committed.", null);

    public static StorageUnavailableException Unavailable(string provider, string operation, string target, string detail, Exception? inner) =>
        new($"{provider}: {operation} of {target} failed: {detail}", inner);

    public static string Describe(GrainId grainId, string name) => $"'{name}' of grain {grainId}";

    public static string Describe(StreamId stream) => $"stream {stream}";
}
