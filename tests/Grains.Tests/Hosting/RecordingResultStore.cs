using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.Grains.Tests.Hosting;

/// <summary>
/// Wraps the real results store: tests wait for saves without polling, and can make saves fail (to stand for a
/// crash before the projection committed).
/// </summary>
public sealed class RecordingResultStore(IResultStore inner) : IResultStore, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<(Func<long, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private long _saved;

    /// <summary>When set, every save fails (as if the process died before committing).</summary>
    public bool FailSaves { get; set; }

    /// <summary>The wrapped store.</summary>
    public IResultStore Inner => inner;

    /// <summary>Waits until at least <paramref name="count"/> events were newly stored through this wrapper.</summary>
    public Task WaitForSavedAsync(long count, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_saved >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((saved => saved >= count, done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<int> SaveAsync(IReadOnlyList<MeasurementRecorded> events, CancellationToken cancellationToken = default)
    {
        if (FailSaves)
        {
            throw new IOException("results store unavailable (test)");
        }

        var added = await inner.SaveAsync(events, cancellationToken);
        lock (_lock)
        {
            _saved += added;
            foreach (var waiter in _waiters.Where(w => w.Condition(_saved)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return added;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredResult>> FindBySampleAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default) =>
        inner.FindBySampleAsync(hospitalId, sampleId, cancellationToken);

    /// <inheritdoc />
    public Task<ResultPage> QueryByDeviceAsync(string hospitalId, string deviceId, ResultQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryByDeviceAsync(hospitalId, deviceId, query, cancellationToken);

    /// <inheritdoc />
    public Task<ResultPage> QueryByHospitalAsync(string hospitalId, ResultQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryByHospitalAsync(hospitalId, query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredResult>> LatestPerDeviceAsync(string hospitalId, CancellationToken cancellationToken = default) =>
        inner.LatestPerDeviceAsync(hospitalId, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(
        string hospitalId, string? deviceId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        inner.CountAsync(hospitalId, deviceId, from, to, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
