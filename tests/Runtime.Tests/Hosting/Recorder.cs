using System.Collections.Concurrent;

namespace Visco.Runtime.Tests.Hosting;

/// <summary>
/// What test grains saw, keyed by a name unique to each test: a thread-safe log with waits that complete when enough
/// entries arrive (bounded, never a sleep).
/// </summary>
public static class Recorder
{
    private static readonly ConcurrentDictionary<string, Log> Logs = new();

    /// <summary>Appends an entry to a log.</summary>
    public static void Add(string log, object entry) => Logs.GetOrAdd(log, _ => new Log()).Add(entry);

    /// <summary>A snapshot of a log.</summary>
    public static IReadOnlyList<object> Get(string log) => Logs.GetOrAdd(log, _ => new Log()).Snapshot();

    /// <summary>Waits until a log has at least <paramref name="count"/> entries; fails after the limit.</summary>
    public static Task<IReadOnlyList<object>> WaitForAsync(string log, int count, TimeSpan? limit = null) =>
        WaitUntilAsync(log, entries => entries.Count >= count, $"{count} entries", limit);

    /// <summary>Waits until the log satisfies a condition; fails after the limit.</summary>
    public static Task<IReadOnlyList<object>> WaitUntilAsync(
        string log, Func<IReadOnlyList<object>, bool> condition, string what, TimeSpan? limit = null) =>
        Logs.GetOrAdd(log, _ => new Log()).WaitUntilAsync(condition, what, limit ?? TimeSpan.FromSeconds(10));

    private sealed class Log
    {
        private readonly Lock _lock = new();
        private readonly List<object> _entries = [];
        private readonly List<(Func<IReadOnlyList<object>, bool> Condition, TaskCompletionSource<IReadOnlyList<object>> Done)> _waiters = [];

        public void Add(object entry)
        {
            List<(Func<IReadOnlyList<object>, bool>, TaskCompletionSource<IReadOnlyList<object>> Done)> ready;
            IReadOnlyList<object> snapshot;
            lock (_lock)
            {
                _entries.Add(entry);
                snapshot = _entries.ToArray();
                ready = _waiters.Where(w => w.Condition(snapshot)).ToList();
                _waiters.RemoveAll(w => w.Condition(snapshot));
            }

            ready.ForEach(w => w.Done.TrySetResult(snapshot));
        }

        public IReadOnlyList<object> Snapshot()
        {
            lock (_lock)
            {
                return _entries.ToArray();
            }
        }

        public async Task<IReadOnlyList<object>> WaitUntilAsync(Func<IReadOnlyList<object>, bool> condition, string what, TimeSpan limit)
        {
            TaskCompletionSource<IReadOnlyList<object>> done;
            lock (_lock)
            {
                var snapshot = _entries.ToArray();
                if (condition(snapshot))
                {
                    return snapshot;
                }

                done = new TaskCompletionSource<IReadOnlyList<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((condition, done));
            }

            try
            {
                return await done.Task.WaitAsync(limit);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Waited {limit} for {what}; got {Snapshot().Count}: {string.Join(", ", Snapshot())}");
            }
        }
    }
}
