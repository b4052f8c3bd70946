using System.Collections.Concurrent;
using Visco.Grains.Interfaces.Measurements;
using Visco.Grains.Interfaces.Results;

namespace Visco.Domain.Bench;

/// <summary>
/// A results store that only counts (<c>--null-results</c>), to separate the cost of the projection's database writes
/// from the rest of the path.
/// </summary>
internal sealed class CountingResultStore : IResultStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> SaveAsync(IReadOnlyList<MeasurementRecorded> events, CancellationToken cancellationToken = default)
    {
        foreach (var recorded in events)
        {
            _counts.AddOrUpdate(recorded.HospitalId, 1, (_, n) => n + 1);
        }

        return Task.FromResult(events.Count);
    }

    public Task<IReadOnlyList<StoredResult>> FindBySampleAsync(string hospitalId, string sampleId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredResult>>([]);

    public Task<ResultPage> QueryByDeviceAsync(string hospitalId, string deviceId, ResultQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResultPage([], null));

    public Task<ResultPage> QueryByHospitalAsync(string hospitalId, ResultQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResultPage([], null));

    public Task<IReadOnlyList<StoredResult>> LatestPerDeviceAsync(string hospitalId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredResult>>([]);

    public Task<long> CountAsync(
        string hospitalId, string? deviceId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_counts.GetValueOrDefault(hospitalId));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
