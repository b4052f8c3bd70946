namespace Visco.Runtime.Abstractions.State;

/// <summary>
/// A write or clear carried an ETag that is no longer the stored one: another activation or writer changed the record
/// since it was read. Nothing was overwritten; re-read the state and decide again.
/// </summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag)
    : InvalidOperationException(message)
{
    /// <summary>The ETag in storage (null when the record does not exist).</summary>
    public string? StoredEtag { get; } = storedEtag;

    /// <summary>The ETag the writer expected.</summary>
    public string? CurrentEtag { get; } = currentEtag;
}
