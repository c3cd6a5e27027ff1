namespace CampaignFlow.Stories;

/// <summary>A story as recorded in the ledger: what the feed said and, once classified, the verdict.</summary>
public sealed record Story
{
    /// <summary>Stable key: from the feed's guid, else the canonical link, else a hash of the content.</summary>
    public required string Id { get; init; }
    public required string Feed { get; init; }
    public string? Language { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public string? Link { get; init; }
    public DateTimeOffset? Published { get; init; }
    public StoryStatus Status { get; init; } = StoryStatus.Pending;
    public DateTimeOffset FirstSeen { get; init; }
}
