using CampaignFlow.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>Timer: the daily digest for digest subscribers (schedule <c>SendDigest__Schedule</c>, e.g. <c>0 0 7 * * *</c>).</summary>
public sealed class SendDigest(DigestSender digest, ILogger<SendDigest> logger)
{
    [Function(nameof(SendDigest))]
    public async Task RunAsync([TimerTrigger("%SendDigest__Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var sent = await digest.SendAsync(cancellationToken);
        logger.LogInformation("Daily digest sent to {Recipients} subscribers", sent);
    }
}
