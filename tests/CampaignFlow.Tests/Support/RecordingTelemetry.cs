using System.Collections.Concurrent;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Tests.Support;

/// <summary>Keeps every pipeline event, for tests that assert on telemetry.</summary>
public sealed class RecordingTelemetry : IPipelineTelemetry
{
    public ConcurrentQueue<(string Name, string? StoryId, IReadOnlyDictionary<string, object?> Properties)> Events { get; } = new();

    public void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null) =>
        Events.Enqueue((eventName, storyId, properties ?? new Dictionary<string, object?>()));

    public ConcurrentQueue<(string Name, double Value, IReadOnlyDictionary<string, string> Dimensions)> Metrics { get; } = new();

    public void Metric(string name, double value, IReadOnlyDictionary<string, string>? dimensions = null) =>
        Metrics.Enqueue((name, value, dimensions ?? new Dictionary<string, string>()));

    public IEnumerable<IReadOnlyDictionary<string, object?>> Of(string eventName) =>
        Events.Where(e => e.Name == eventName).Select(e => e.Properties);
}
