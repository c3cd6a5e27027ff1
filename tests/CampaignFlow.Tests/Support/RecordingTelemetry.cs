using System.Collections.Concurrent;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Tests.Support;

/// <summary>Keeps every pipeline event, for tests that assert on telemetry.</summary>
public sealed class RecordingTelemetry : IPipelineTelemetry
{
    public ConcurrentQueue<(string Name, string? StoryId, IReadOnlyDictionary<string, object?> Properties)> Events { get; } = new();

    public void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null) =>
        Events.Enqueue((eventName, storyId, properties ?? new Dictionary<string, object?>()));

    public IEnumerable<IReadOnlyDictionary<string, object?>> Of(string eventName) =>
        Events.Where(e => e.Name == eventName).Select(e => e.Properties);
}
