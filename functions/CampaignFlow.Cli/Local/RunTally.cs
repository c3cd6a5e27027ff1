using System.Collections.Concurrent;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Cli.Local;

/// <summary>Counts the pipeline's events for the run summary, and passes them on to the log.</summary>
public sealed class RunTally(LoggingPipelineTelemetry log) : IPipelineTelemetry
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null)
    {
        // Batch events carry how many emails they stand for.
        var weight = properties?.GetValueOrDefault("count") is int count ? count : 1;
        _counts.AddOrUpdate(eventName, weight, (_, n) => n + weight);
        if (eventName == PipelineEvents.StoryClassified && properties?.GetValueOrDefault("decision") is string decision)
        {
            _counts.AddOrUpdate($"{eventName}.{decision}", 1, (_, n) => n + 1);
        }
        log.Track(eventName, storyId, properties);
    }

    public void Metric(string name, double value, IReadOnlyDictionary<string, string>? dimensions = null) => log.Metric(name, value, dimensions);

    public int Count(string eventName) => _counts.GetValueOrDefault(eventName);
}
