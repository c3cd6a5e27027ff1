namespace CampaignFlow.Feeds;

/// <summary>The result of parsing one feed document.</summary>
public sealed record ParsedFeed
{
    public required FeedFormat Format { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public IReadOnlyList<FeedItem> Items { get; init; } = [];
    /// <summary>What was wrong with the document and was recovered from.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
