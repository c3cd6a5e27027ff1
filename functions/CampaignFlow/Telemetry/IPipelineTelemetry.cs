namespace CampaignFlow.Telemetry;

/// <summary>Custom events with the story id for correlation across stages. Never personal data.</summary>
public interface IPipelineTelemetry
{
    void Track(string eventName, string? storyId = null, IReadOnlyDictionary<string, object?>? properties = null);

    /// <summary>A measured value (queue depth, recipients …) with its dimensions.</summary>
    void Metric(string name, double value, IReadOnlyDictionary<string, string>? dimensions = null);
}
