namespace Visco.Runtime.Storage.Memory;

/// <summary>Whether a memory store still accepts calls; shared by its three parts.</summary>
internal sealed class MemoryStoreStatus
{
    public const string ProviderName = "memory";

    /// <summary>The memory store has no scripts; it keeps a version so the newer-schema refusal works alike everywhere.</summary>
    public const int LatestSchemaVersion = 1;

    private const int Open = 0;
    private const int Aborted = 1;
    private const int Disposed = 2;

    private int _state;

    public void Abort() => Interlocked.CompareExchange(ref _state, Aborted, Open);

    public void Dispose() => Interlocked.CompareExchange(ref _state, Disposed, Open);

    /// <summary>
    /// Runs a synchronous operation the way an async provider reports it: failures (conflicts, a closed store) arrive
    /// through the returned task, never thrown at the call, so callers behave the same whatever the provider.
    /// </summary>
    public Task<T> Run<T>(string operation, string target, CancellationToken cancellationToken, Func<T> body)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            ThrowIfClosed(operation, target);
            return Task.FromResult(body());
        }
#pragma warning disable CA1031 // Every failure is handed to the caller through the task.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(error);
        }
    }

    public void ThrowIfClosed(string operation, string target)
    {
        switch (Volatile.Read(ref _state))
        {
            case Aborted:
                throw StorageErrors.Aborted(ProviderName, operation, target);
            case Disposed:
                throw new ObjectDisposedException(nameof(MemoryRuntimeStore), $"memory: {operation} of {target} after the store was disposed.");
            default:
                return;
        }
    }
}
