using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Local;

/// <summary>
/// The queue stages on the WebJobs SDK: the same listener (and host.json queue settings, retries and poison
/// queues) the Azure Functions host uses, calling the same library stages as the Functions app.
/// </summary>
public sealed class LocalQueueFunctions(
    StageRunner runner,
    IPipelineStage<StoryMessage, StoryVerdict> classify,
    IPipelineStage<AlertMessage, int> notify,
    IPipelineStage<DeliveryBatchMessage, int> deliver,
    IPipelineStage<DigestBatchMessage, int> digest,
    IStoryLedger stories,
    LocalActivity activity,
    ILogger<LocalQueueFunctions> logger)
{
    [FunctionName("ClassifyStory")]
    public Task ClassifyStoryAsync([QueueTrigger(QueueNames.Stories)] string message, CancellationToken cancellationToken) =>
        activity.RunAsync(() => runner.RunAsync<StoryMessage>(QueueNames.Stories, message, async (story, ct) =>
        {
            var verdict = await classify.HandleAsync(story, ct);
            // Feed text on a terminal: one line, control characters (escape sequences) folded to spaces, cut short.
            var title = EmailTemplate.OneLine((await stories.GetAsync(story.StoryId, ct))?.Title ?? "");
            logger.LogInformation(
                "  classified {StoryId} {Title}: {Decision} (score {Score:0.00}; {Topics})",
                story.StoryId[..8], title.Length > 60 ? title[..59] + "…" : title, verdict.Decision, verdict.Score, verdict.Topics.Count == 0 ? "no topics" : string.Join(", ", verdict.Topics));
        }, cancellationToken));

    [FunctionName("NotifySubscribers")]
    public Task NotifySubscribersAsync([QueueTrigger(QueueNames.Alerts)] string message, CancellationToken cancellationToken) =>
        activity.RunAsync(() => runner.RunAsync<AlertMessage>(QueueNames.Alerts, message, async (alert, ct) =>
        {
            var recipients = await notify.HandleAsync(alert, ct);
            logger.LogInformation("  alert {StoryId}: {Recipients} subscriber(s) in delivery batches", alert.StoryId[..8], recipients);
        }, cancellationToken));

    [FunctionName("DeliverBatch")]
    public Task DeliverBatchAsync([QueueTrigger(QueueNames.Deliveries)] string message, CancellationToken cancellationToken) =>
        activity.RunAsync(() => runner.RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, message, async (batch, ct) =>
        {
            var sent = await deliver.HandleAsync(batch, ct);
            logger.LogInformation("  batch {Batch} of {StoryId}: sent to {Recipients} recipient(s)", batch.Batch, batch.StoryId[..8], sent);
        }, cancellationToken));

    [FunctionName("DeliverDigest")]
    public Task DeliverDigestAsync([QueueTrigger(QueueNames.Digests)] string message, CancellationToken cancellationToken) =>
        activity.RunAsync(() => runner.RunAsync<DigestBatchMessage>(QueueNames.Digests, message, async (batch, ct) =>
        {
            var sent = await digest.HandleAsync(batch, ct);
            logger.LogInformation("  batch {Batch} of {Digest}: sent to {Recipients} recipient(s)", batch.Batch, batch.Digest, sent);
        }, cancellationToken));
}
