namespace CampaignFlow.Feeds;

/// <summary>What one poll of one feed did.</summary>
public sealed record FeedPollResult(string Feed, int Items, int NewStories, bool NotModified, string? Error)
{
    public bool Ok => Error is null;
}
