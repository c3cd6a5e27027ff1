using CampaignFlow.Azure.Operations;
using Microsoft.Azure.Functions.Worker;

namespace CampaignFlow.Functions;

/// <summary>
/// Timer, daily at 04:00 UTC: exports the subscriber list to the private <c>exports</c> container
/// (<see cref="SubscriberExport"/>; docs/operations.md, Retention).
/// </summary>
public sealed class ExportSubscribers(SubscriberExport export)
{
    [Function(nameof(ExportSubscribers))]
    public Task RunAsync([TimerTrigger(SubscriberExport.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        export.WriteAsync(cancellationToken);
}
