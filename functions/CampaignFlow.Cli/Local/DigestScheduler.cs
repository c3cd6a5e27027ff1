using CampaignFlow.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The local stand-in for the SendDigest timer: plans the daily digest on <c>SendDigest__Schedule</c>, as the Functions
/// app does, and the local DeliverDigest listener sends its batches from the digests queue. Like the timer it does not
/// fire at start; the digest's ledger makes a second run on one day send nothing.
/// </summary>
public sealed class DigestScheduler(DigestPlanner planner, IConfiguration configuration, TimeProvider clock, ILogger<DigestScheduler> logger) : BackgroundService
{
    public const string Setting = "SendDigest:Schedule";

    /// <summary>The value in the Functions app's local.settings.sample.json: 07:00 UTC.</summary>
    public const string DefaultSchedule = "0 0 7 * * *";

    // Read when the host resolves the service, so a bad value fails the start (ExecuteAsync runs in the background).
    private readonly LocalSchedule _schedule = LocalSchedule.Read(configuration, Setting, DefaultSchedule, clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (_schedule.Next() is { } next)
        {
            logger.LogInformation("Next digest at {Next:u}", next);
            await _schedule.WaitUntilAsync(next, stoppingToken);
            try
            {
                var plan = await planner.PlanAsync(stoppingToken);
                logger.LogInformation("Daily digest planned: {Recipients} subscribers in {Batches} batches", plan.Recipients, plan.Batches);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // As a failed timer run in Azure: logged, and the next occurrence runs as usual.
                logger.LogError(ex, "Daily digest failed");
            }
        }
    }
}
