using CampaignFlow.Feeds;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>The PollNewsFeed timer's work: poll every feed, at start and then every ten minutes by default.</summary>
public sealed class PollJob(IFeedPoller poller, ILogger<PollJob> logger) : ICronJob
{
    public const string Setting = "PollNewsFeed:Schedule";
    public const string DefaultSchedule = "0 */10 * * * *";

    string ICronJob.Name => "poll";
    string ICronJob.Setting => Setting;
    string ICronJob.DefaultSchedule => DefaultSchedule;
    bool ICronJob.RunsAtStart => true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var results = await poller.PollAllAsync(cancellationToken);
        logger.LogInformation("Polled {Feeds} feeds: {NewStories} new stories", results.Count, results.Sum(r => r.NewStories));
    }
}
