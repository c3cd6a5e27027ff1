using CampaignFlow.Pipeline;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The SendDigest timer's work: plan the daily digest on <c>SendDigest__Schedule</c>, as the Functions app does; the
/// local DeliverDigest listener sends its batches from the digests queue. Like the timer it does not fire at start;
/// the digest's ledger makes a second run on one day send nothing.
/// </summary>
public sealed class DigestJob(DigestPlanner planner, ILogger<DigestJob> logger) : ICronJob
{
    public const string Setting = "SendDigest:Schedule";

    /// <summary>The value in the Functions app's local.settings.sample.json: 07:00 UTC.</summary>
    public const string DefaultSchedule = "0 0 7 * * *";

    string ICronJob.Name => "digest";
    string ICronJob.Setting => Setting;
    string ICronJob.DefaultSchedule => DefaultSchedule;
    bool ICronJob.RunsAtStart => false;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(cancellationToken);
        logger.LogInformation("Daily digest planned: {Recipients} subscribers in {Batches} batches", plan.Recipients, plan.Batches);
    }
}
