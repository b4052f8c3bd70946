using System.Globalization;

namespace Visco.Runtime.Storage;

/// <summary>
/// ETags are random 64-bit tokens rendered as 16 hex digits. A token rather than a per-record version number because a
/// cleared record that is written again would restart its version and let a writer holding the old "1" succeed (ABA);
/// a fresh random token per write can never match a stale one by accident (2^-64), needs no shared counter between
/// writer loops, and costs one 16-char string per write.
/// </summary>
internal static class StorageETag
{
    /// <summary>A new token, distinct from every earlier one with overwhelming probability.</summary>
    public static string New() => ((ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue)).ToString("x16", CultureInfo.InvariantCulture);
}
