using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CampaignFlow.Cli.Local;

/// <summary>One short line per log entry for people watching a local run: time, level when not information, message.</summary>
public sealed class CompactConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "compact";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var level = logEntry.LogLevel switch
        {
            LogLevel.Information => "",
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        };
        textWriter.WriteLine($"{DateTime.Now:HH:mm:ss}  {level}{message}");
        if (logEntry.Exception is not null && logEntry.LogLevel >= LogLevel.Error)
        {
            textWriter.WriteLine($"          {logEntry.Exception.GetType().Name}: {logEntry.Exception.Message}");
        }
    }
}
