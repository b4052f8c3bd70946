using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Visco.Firmware.Tests.Support;

/// <summary>Collects formatted log lines so tests can check that a condition was logged clearly.</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    /// <summary>Every line logged.</summary>
    public IReadOnlyCollection<(LogLevel Level, string Message)> Lines => _lines;

    /// <summary>Whether a line contains <paramref name="text"/>.</summary>
    public bool Contains(string text) => _lines.Any(l => l.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((logLevel, formatter(state, exception)));
}
