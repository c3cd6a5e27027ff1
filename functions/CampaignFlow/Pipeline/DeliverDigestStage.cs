using CampaignFlow.Delivery;
using CampaignFlow.Stories;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The DeliverDigest stage: one digest batch through <see cref="BatchDelivery"/> (exactly once per recipient under the
/// day's ledger partition, deferrals, poison and retries), composed by <see cref="DigestComposer"/> from the stories
/// the plan listed, re-read from the story ledger.
/// </summary>
public sealed class DeliverDigestStage(IStoryLedger stories, DigestComposer composer, BatchDelivery delivery) : IPipelineStage<DigestBatchMessage, int>
{
    public Task<int> HandleAsync(DigestBatchMessage message, CancellationToken cancellationToken = default)
    {
        var day = DigestPlanner.Day(message.Digest) ?? throw new InvalidMessageException($"'{message.Digest}' is not a digest key (digest-YYYYMMDD)");
        if (message.Stories.Count == 0)
        {
            throw new InvalidMessageException($"batch {message.Batch} of {message.Digest} lists no stories");
        }
        return delivery.SendAsync(message.Digest, message.Batch, message.Recipients, async ct =>
        {
            var items = new List<ClassifiedStory>(message.Stories.Count);
            foreach (var id in message.Stories)
            {
                var original = await stories.GetClassifiedAsync(id, ct) ?? throw new InvalidMessageException($"story {id} of {message.Digest} has no verdict in the ledger");
                items.Add(await stories.InLanguageAsync(original, message.Language, ct));
            }
            return (recipients, attemptId, c) => composer.ComposeAsync(message.Digest, message.Batch, attemptId, items, message.Language, recipients, day, c);
        }, cancellationToken);
    }
}
