using Microsoft.Extensions.Logging;

namespace CampaignFlow.Telemetry;

/// <summary>Writes each pipeline event as a structured log entry (Application Insights turns these into traces with properties).</summary>
public sealed class LoggingPipelineTelemetry(ILogger<LoggingPipelineTelemetry> logger) : IPipelineTelemetry
{
    public void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null)
    {
        var details = properties is null ? "" : string.Join(" ", properties.Select(p => $"{p.Key}={p.Value}"));
        logger.LogInformation("Event {EventName} {StoryId} {Details}", eventName, storyId ?? "-", details);
    }

    public void Metric(string name, double value, IReadOnlyDictionary<string, string>? dimensions = null)
    {
        var details = dimensions is null ? "" : string.Join(" ", dimensions.Select(p => $"{p.Key}={p.Value}"));
        logger.LogInformation("Metric {MetricName} {Value} {Details}", name, value, details);
    }
}
