using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using CampaignFlow.Azure.Operations;

namespace CampaignFlow.Functions;

/// <summary>Timer, daily at 03:30 UTC: prunes what is past its retention (Retention__*; docs/operations.md, Retention).</summary>
public sealed class PruneData(RetentionPruner pruner, ILogger<PruneData> logger)
{
    [Function(nameof(PruneData))]
    public async Task RunAsync([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await pruner.PruneAsync(cancellationToken);
        logger.LogInformation("Retention: {Deleted}", string.Join(", ", deleted.Select(d => $"{d.Value} {d.Key}")));
    }
}
