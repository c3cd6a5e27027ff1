using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>Queue trigger: fans one relevant story out into delivery batches for the subscribers who want it.</summary>
public sealed class NotifySubscribers(StageRunner runner, IPipelineStage<AlertMessage, int> stage, ILogger<NotifySubscribers> logger)
{
    [Function(nameof(NotifySubscribers))]
    public Task RunAsync([QueueTrigger(QueueNames.Alerts, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        runner.RunAsync<AlertMessage>(QueueNames.Alerts, message, async (alert, ct) =>
        {
            var recipients = await stage.HandleAsync(alert, ct);
            logger.LogInformation("Alert {StoryId} fanned out to {Recipients} subscribers", alert.StoryId, recipients);
        }, cancellationToken);
}
