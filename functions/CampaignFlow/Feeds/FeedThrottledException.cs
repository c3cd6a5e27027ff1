namespace CampaignFlow.Feeds;

/// <summary>The server answered 429 or 503 and asked, with Retry-After, not to be called again before <see cref="Until"/>.</summary>
public sealed class FeedThrottledException(int status, DateTimeOffset until)
    : Exception($"HTTP {status}: the server asked to wait until {until:u}")
{
    public int Status { get; } = status;
    public DateTimeOffset Until { get; } = until;
}
