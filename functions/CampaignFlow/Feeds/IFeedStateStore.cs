namespace CampaignFlow.Feeds;

/// <summary>Per-feed state between polls.</summary>
public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(string feed, CancellationToken cancellationToken = default);
    Task SaveAsync(string feed, FeedState state, CancellationToken cancellationToken = default);

    /// <summary>Every feed's state, for the status endpoint and the runbook.</summary>
    IAsyncEnumerable<KeyValuePair<string, FeedState>> ListAsync(CancellationToken cancellationToken = default);
}
