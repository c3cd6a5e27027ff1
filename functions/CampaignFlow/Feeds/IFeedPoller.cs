namespace CampaignFlow.Feeds;

/// <summary>Polls the configured feeds once.</summary>
public interface IFeedPoller
{
    Task<IReadOnlyList<FeedPollResult>> PollAllAsync(CancellationToken cancellationToken = default);
}
