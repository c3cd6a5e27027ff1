using Cronos;
using Microsoft.Extensions.Configuration;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// A timer schedule of the local host, read from the same setting as the Functions timer: six-field NCRONTAB (with
/// seconds), in UTC as in Azure.
/// </summary>
public sealed class LocalSchedule(CronExpression expression, TimeProvider clock)
{
    /// <summary>Reads <paramref name="setting"/> (<c>Section:Key</c>), or the default; a bad value names the setting.</summary>
    public static LocalSchedule Read(IConfiguration configuration, string setting, string defaultSchedule, TimeProvider clock)
    {
        var value = configuration[setting] is { Length: > 0 } configured ? configured : defaultSchedule;
        try
        {
            return new LocalSchedule(CronExpression.Parse(value, CronFormat.IncludeSeconds), clock);
        }
        catch (CronFormatException ex)
        {
            throw new InvalidOperationException($"{setting.Replace(":", "__", StringComparison.Ordinal)} is not a six-field NCRONTAB expression: '{value}' ({ex.Message})", ex);
        }
    }

    /// <summary>The next occurrence after now; null when the expression never fires again.</summary>
    public DateTimeOffset? Next() => expression.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc);

    /// <summary>Waits until <paramref name="due"/> by this clock (a timer firing a little early waits the rest).</summary>
    public async Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        for (var left = due - clock.GetUtcNow(); left > TimeSpan.Zero; left = due - clock.GetUtcNow())
        {
            await Task.Delay(left, clock, cancellationToken);
        }
    }
}
