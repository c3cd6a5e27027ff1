using Cronos;
using CampaignFlow.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>The local stand-in for the PollNewsFeed timer: polls at start, then on the same NCRONTAB schedule (with seconds).</summary>
public sealed class PollScheduler(IFeedPoller poller, IConfiguration configuration, TimeProvider clock, ILogger<PollScheduler> logger) : BackgroundService
{
    public const string DefaultSchedule = "0 */10 * * * *";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(configuration["PollNewsFeed:Schedule"] ?? DefaultSchedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var results = await poller.PollAllAsync(stoppingToken);
            logger.LogInformation("Polled {Feeds} feeds: {NewStories} new stories", results.Count, results.Sum(r => r.NewStories));
            var next = schedule.GetNextOccurrence(clock.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }
            logger.LogInformation("Next poll at {Next:u}", next.Value);
            await Task.Delay(next.Value - clock.GetUtcNow(), clock, stoppingToken);
        }
    }
}
