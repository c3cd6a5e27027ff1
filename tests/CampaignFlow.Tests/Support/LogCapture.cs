using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// Keeps every formatted log line (with exception text) so a test can check what would reach the logs, and each entry
/// with the properties of the scopes it was written in (as Application Insights records them).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One log entry: level, category, message, exception and the key/value pairs of its scopes.</summary>
    public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Scope);

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            capture.Lines.Enqueue($"{logLevel} {category}: {message} {exception}");
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            capture._scopes.ForEachScope((value, into) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        into[key] = item;
                    }
                }
            }, scope);
            capture.Entries.Enqueue(new LogEntry(logLevel, category, message, exception, scope));
        }
    }
}
