using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Visco.MqttFrontDoor.Tests.Support;

/// <summary>Keeps log records of warning level and above.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    /// <summary>The records: level, category, message.</summary>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Records { get; } = new();

    /// <summary>Errors logged (level Error and above).</summary>
    public IEnumerable<string> Errors => Records.Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category}: {r.Message}");

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Records.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
            }
        }
    }
}
