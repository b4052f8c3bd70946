namespace Visco.Lake.Storage;

/// <summary>
/// Where lake files live: a local folder or an S3-compatible bucket. Paths are relative, <c>/</c>-separated
/// (<c>lake/measurements/...</c>). Writes are atomic: a reader sees either no file or the complete file, never a
/// partial one, and writing an existing path replaces it whole.
/// </summary>
public interface ILakeStore
{
    /// <summary>
    /// Writes <paramref name="path"/> from what <paramref name="write"/> puts into the stream it is given; the file
    /// becomes visible only after <paramref name="write"/> returns and the bytes are durable. If it throws, nothing is
    /// visible and the exception propagates (I/O failures as <see cref="LakeStorageException"/>).
    /// </summary>
    Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Lists the objects whose path starts with <paramref name="prefix"/>, in ordinal path order.</summary>
    Task<IReadOnlyList<LakeObject>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading (a seekable stream); <see cref="LakeObjectNotFoundException"/> if missing.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Whether an object exists.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}
