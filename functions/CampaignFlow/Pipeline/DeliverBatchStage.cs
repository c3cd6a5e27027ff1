using CampaignFlow.Delivery;
using CampaignFlow.Stories;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The DeliverBatch stage: one alert batch through <see cref="BatchDelivery"/> (exactly once per recipient, deferrals,
/// poison and retries), composed by <see cref="AlertComposer"/> in the batch's language, from the story's version in that language when there is one.
/// </summary>
public sealed class DeliverBatchStage(IStoryLedger stories, AlertComposer composer, BatchDelivery delivery) : IPipelineStage<DeliveryBatchMessage, int>
{
    public Task<int> HandleAsync(DeliveryBatchMessage message, CancellationToken cancellationToken = default) =>
        delivery.SendAsync(message.StoryId, message.Batch, message.Recipients, async ct =>
        {
            var original = await stories.GetClassifiedAsync(message.StoryId, ct)
                ?? throw new InvalidMessageException($"story {message.StoryId} has no verdict in the ledger");
            var classified = await stories.InLanguageAsync(original, message.Language, ct);
            return (recipients, attemptId, c) => composer.ComposeBatchAsync(classified, message.Language, recipients, attemptId, message.Batch, c);
        }, cancellationToken);
}
