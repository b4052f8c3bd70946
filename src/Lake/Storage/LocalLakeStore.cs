namespace Visco.Lake.Storage;

/// <summary>
/// A lake in a local folder. A write goes to <c>.tmp-{guid}-{name}</c> in the target folder, is flushed to disk
/// (fsync), then renamed over the final name, so a crash at any point leaves either the old file, the new file or an
/// invisible temp file; temp files are skipped by listing and deleted when the store starts. Renames within one folder
/// are atomic on the file systems the silo runs on (ext4, xfs, NTFS). The folder entry itself is not fsynced (.NET
/// cannot open a directory handle): after a power loss a just-renamed file may be missing, never partial, and the
/// archive rewrites its batch under the same name.
/// </summary>
public sealed class LocalLakeStore : ILakeStore
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens (creating if needed) the lake folder and removes temp files left by a crash.</summary>
    public LocalLakeStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(RootDirectory);
        RemovedTempFiles = RemoveTempFiles();
    }

    /// <summary>The absolute folder holding the lake.</summary>
    public string RootDirectory { get; }

    /// <summary>How many temp files of interrupted writes the start-up cleaning removed.</summary>
    public int RemovedTempFiles { get; }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Resolve(LakePathRules.RequireObjectPath(path));
        var directory = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(directory, $"{LakePathRules.TempPrefix}{Guid.NewGuid():N}-{Path.GetFileName(target)}");
        try
        {
            Directory.CreateDirectory(directory);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is IOException io and not LakeStorageException)
            {
                var diskFull = LakePathRules.IsDiskFull(io) || (io.InnerException is IOException inner && LakePathRules.IsDiskFull(inner));
                throw new LakeStorageException(path,
                    $"{(diskFull ? "disk full" : "write failed")}; the partial file was removed ({io.Message})", io) { IsDiskFull = diskFull };
            }

            if (e is UnauthorizedAccessException denied)
            {
                throw new LakeStorageException(path, $"write denied ({denied.Message})", denied);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LakeObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        LakePathRules.RequirePrefix(prefix);
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? RootDirectory : Resolve(prefix[..slash]);
        var result = new List<LakeObject>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = Path.GetRelativePath(RootDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                if (Path.GetFileName(file).StartsWith(LakePathRules.TempPrefix, StringComparison.Ordinal) ||
                    !relative.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var info = new FileInfo(file);
                result.Add(new LakeObject(relative, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Task.FromResult<IReadOnlyList<LakeObject>>(result);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Resolve(LakePathRules.RequireObjectPath(path));
        try
        {
            return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LakeObjectNotFoundException(path, e);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(Resolve(LakePathRules.RequireObjectPath(path))));

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Resolve(LakePathRules.RequireObjectPath(path));
        try
        {
            File.Delete(full);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: deleting a missing object is not an error.
        }

        return Task.CompletedTask;
    }

    private string Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(RootDirectory, relative));
        if (full != RootDirectory && !full.StartsWith(RootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"lake path '{relative}' leaves the lake folder", nameof(relative));
        }

        return full;
    }

    private int RemoveTempFiles()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(RootDirectory, LakePathRules.TempPrefix + "*", SearchOption.AllDirectories))
        {
            removed += TryDelete(file) ? 1 : 0;
        }

        return removed;
    }

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
