using CampaignFlow.Pipeline;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Functions;

/// <summary>
/// Queue trigger: sends one delivery batch as one SendGrid request. A trigger cannot delay its own message, so waits
/// (429, kill switch) are a delayed copy plus completion, done by <see cref="StageRunner"/>.
/// </summary>
public sealed class DeliverBatch(StageRunner runner, IPipelineStage<DeliveryBatchMessage, int> stage, ILogger<DeliverBatch> logger)
{
    [Function(nameof(DeliverBatch))]
    public Task RunAsync([QueueTrigger(QueueNames.Deliveries, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        runner.RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, message, async (batch, ct) =>
        {
            var sent = await stage.HandleAsync(batch, ct);
            logger.LogInformation("Batch {Batch} of {StoryId} sent to {Recipients} recipients", batch.Batch, batch.StoryId, sent);
        }, cancellationToken);
}
