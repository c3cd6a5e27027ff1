namespace CampaignFlow.Feeds;

/// <summary>What the poller remembers of a feed between polls: validators for conditional GET and its health.</summary>
public sealed record FeedState
{
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
}
