namespace Visco.Lake.Storage;

/// <summary>A stored object.</summary>
/// <param name="Path">The path relative to the store root, with <c>/</c> separators.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When it was last written (UTC).</param>
public sealed record LakeObject(string Path, long Size, DateTimeOffset LastModified);
