using Visco.Lake.Storage;

namespace Visco.Retraining.Tests.Hosting;

/// <summary>A lake store whose writes fail as a full disk would, while <see cref="FailWrites"/> is positive.</summary>
public sealed class FlakyLakeStore(ILakeStore inner) : ILakeStore
{
    private int _failWrites;

    /// <summary>How many of the next writes fail.</summary>
    public int FailWrites
    {
        get => Volatile.Read(ref _failWrites);
        set => Volatile.Write(ref _failWrites, value);
    }

    /// <summary>Writes refused so far.</summary>
    public int Refused { get; private set; }

    /// <summary>
    /// When set, a refused write first completes (the file lands in the lake) and then fails, as a silo dying right
    /// after the file's rename would look to the archive.
    /// </summary>
    public bool CompleteThenFail { get; set; }

    /// <summary>When set, only writes of paths it accepts count against (and are refused by) <see cref="FailWrites"/>.</summary>
    public Func<string, bool>? Target { get; set; }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        if (Target is { } target && !target(path))
        {
            await inner.WriteAsync(path, write, cancellationToken);
            return;
        }

        if (Interlocked.Decrement(ref _failWrites) >= 0)
        {
            Refused++;
            if (CompleteThenFail)
            {
                await inner.WriteAsync(path, write, cancellationToken);
            }

            throw new LakeStorageException(path, "No space left on device") { IsDiskFull = true };
        }

        Interlocked.Exchange(ref _failWrites, 0);
        await inner.WriteAsync(path, write, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LakeObject>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) => inner.OpenReadAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => inner.ExistsAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken = default) => inner.DeleteAsync(path, cancellationToken);
}
