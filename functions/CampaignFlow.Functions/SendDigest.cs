using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>
/// Timer: plans the daily digest (schedule <c>SendDigest__Schedule</c>, e.g. <c>0 0 7 * * *</c>): one message per
/// batch on the digests queue, which <see cref="DeliverDigest"/> sends.
/// </summary>
public sealed class SendDigest(DigestPlanner planner, ILogger<SendDigest> logger)
{
    [Function(nameof(SendDigest))]
    public async Task RunAsync([TimerTrigger("%SendDigest__Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(cancellationToken);
        logger.LogInformation("Daily digest {Digest} planned: {Recipients} subscribers in {Batches} batches", plan.Digest, plan.Recipients, plan.Batches);
    }
}
