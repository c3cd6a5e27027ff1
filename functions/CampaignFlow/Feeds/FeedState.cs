namespace CampaignFlow.Feeds;

/// <summary>What the poller remembers of a feed between polls: validators for conditional GET and its health.</summary>
public sealed record FeedState
{
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>SHA-256 of the last body fully ingested, for servers that ignore conditional GET.</summary>
    public string? ContentHash { get; init; }
    public DateTimeOffset? LastAttempt { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    /// <summary>The server asked (429/503 Retry-After) not to be polled before this.</summary>
    public DateTimeOffset? RetryAfter { get; init; }
    /// <summary>Set before a poll writes stories and cleared when all are on the queue; set means pending stories may be left.</summary>
    public bool IngestInProgress { get; init; }
}
