using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Visco.EndToEnd.Tests.Agents;

/// <summary>Collects an agent's formatted log lines, so a test can check that a condition was logged clearly.</summary>
public sealed class AgentLog : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();
    private readonly Lock _lock = new();
    private readonly List<(string Text, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>Every line logged, in order.</summary>
    public IReadOnlyCollection<(LogLevel Level, string Message)> Lines => _lines;

    /// <summary>Lines containing <paramref name="text"/> (ordinal, case-insensitive).</summary>
    public IReadOnlyList<string> Matching(string text) =>
        _lines.Where(l => l.Message.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(l => l.Message).ToList();

    /// <summary>Waits (bounded) until a line containing <paramref name="text"/> is logged; returns it.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (Matching(text).Count == 0)
            {
                _waiters.Add((text, signal));
            }
            else
            {
                signal.TrySetResult();
            }
        }

        try
        {
            await signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"no log line containing '{text}'; logged:\n{string.Join('\n', _lines.Select(l => l.Message))}", exception);
        }

        return Matching(text)[0];
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        _lines.Enqueue((logLevel, message));
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (message.Contains(_waiters[i].Text, StringComparison.OrdinalIgnoreCase))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
