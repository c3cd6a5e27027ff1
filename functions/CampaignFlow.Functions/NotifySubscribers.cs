using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>Queue trigger: sends one relevant story to the subscribers who want it.</summary>
public sealed class NotifySubscribers(StageRunner runner, IPipelineStage<AlertMessage, int> stage, ILogger<NotifySubscribers> logger)
{
    [Function(nameof(NotifySubscribers))]
    public Task RunAsync([QueueTrigger(QueueNames.Alerts, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        runner.RunAsync<AlertMessage>(QueueNames.Alerts, message, async (alert, ct) =>
        {
            var sent = await stage.HandleAsync(alert, ct);
            logger.LogInformation("Alert {StoryId} sent to {Recipients} subscribers", alert.StoryId, sent);
        }, cancellationToken);
}
