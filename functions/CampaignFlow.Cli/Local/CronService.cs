using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The local stand-in for a Functions timer: runs <typeparamref name="TJob"/> on the same six-field NCRONTAB setting,
/// in UTC. A failed run is logged and the next occurrence runs as usual, as a failed timer run in Azure.
/// Generic so that each job is its own hosted service.
/// </summary>
public sealed class CronService<TJob>(TJob job, IConfiguration configuration, TimeProvider clock, ILogger<CronService<TJob>> logger) : BackgroundService
    where TJob : ICronJob
{
    // Read when the host resolves the service, so a bad value fails the start (ExecuteAsync runs in the background).
    private readonly LocalSchedule _schedule = LocalSchedule.Read(configuration, job.Setting, job.DefaultSchedule, clock);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (job.RunsAtStart)
        {
            await RunOnceAsync(stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested && _schedule.Next() is { } next)
        {
            logger.LogInformation("Next {Job} at {Next:u}", job.Name, next);
            await _schedule.WaitUntilAsync(next, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await job.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The {Job} failed", job.Name);
        }
    }
}
