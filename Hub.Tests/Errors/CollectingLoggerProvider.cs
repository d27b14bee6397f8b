using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupportHub.Tests.Errors;

/// <summary>Keeps every log entry of a test host in <paramref name="entries"/>, so a test can tell refusals (no error) from faults (an error).</summary>
internal sealed class CollectingLoggerProvider(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class CollectingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, category, $"{formatter(state, exception)} {exception?.Message}"));
    }
}
