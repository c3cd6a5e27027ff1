using CampaignFlow.Feeds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>Timer: polls every configured feed and enqueues new stories.</summary>
public sealed class PollNewsFeed(IFeedPoller poller, ILogger<PollNewsFeed> logger)
{
    [Function(nameof(PollNewsFeed))]
    public async Task RunAsync([TimerTrigger("%PollNewsFeed__Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var results = await poller.PollAllAsync(cancellationToken);
        logger.LogInformation(
            "Polled {Feeds} feeds: {NewStories} new stories, {Failed} failed",
            results.Count,
            results.Sum(r => r.NewStories),
            results.Count(r => !r.Ok));
    }
}
