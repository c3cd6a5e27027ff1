namespace CampaignFlow.Feeds;

/// <summary>What one poll of one feed did.</summary>
public sealed record FeedPollResult(string Feed, int Items, int NewStories, bool NotModified, string? Error)
{
    public bool Ok => Error is null;
    /// <summary>Not polled: polled within its interval, or the server asked to wait (Retry-After).</summary>
    public bool Deferred { get; init; }
    /// <summary>The server ignored the validators but sent the same body as last time; nothing was parsed.</summary>
    public bool Unchanged { get; init; }
    /// <summary>Known stories whose title or summary changed.</summary>
    public int Updated { get; init; }
    /// <summary>New stories recorded as seen without an alert (older than the first-poll window).</summary>
    public int Seen { get; init; }
    /// <summary>New stories that are another language version of a known release.</summary>
    public int LanguageVersions { get; init; }
    /// <summary>Items dropped by the feed's filter.</summary>
    public int Filtered { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
