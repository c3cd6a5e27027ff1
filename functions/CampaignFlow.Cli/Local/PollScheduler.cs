using CampaignFlow.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>The local stand-in for the PollNewsFeed timer: polls at start, then on the same NCRONTAB schedule (with seconds).</summary>
public sealed class PollScheduler(IFeedPoller poller, IConfiguration configuration, TimeProvider clock, ILogger<PollScheduler> logger) : BackgroundService
{
    public const string DefaultSchedule = "0 */10 * * * *";

    // Read when the host resolves the service, so a bad value fails the start (ExecuteAsync runs in the background).
    private readonly LocalSchedule _schedule = LocalSchedule.Read(configuration, "PollNewsFeed:Schedule", DefaultSchedule, clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var results = await poller.PollAllAsync(stoppingToken);
            logger.LogInformation("Polled {Feeds} feeds: {NewStories} new stories", results.Count, results.Sum(r => r.NewStories));
            if (_schedule.Next() is not { } next)
            {
                return;
            }
            logger.LogInformation("Next poll at {Next:u}", next);
            await _schedule.WaitUntilAsync(next, stoppingToken);
        }
    }
}
