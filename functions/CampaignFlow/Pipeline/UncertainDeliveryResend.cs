using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The operator's way round at-most-once for one uncertain attempt: after checking SendGrid's activity for its
/// <c>delivery_attempt</c> and finding nothing, release the attempt (its claims become free) and queue its recipients,
/// still subscribed, as new delivery batches in their languages. Anyone who did get the mail gets it twice.
/// </summary>
public sealed class UncertainDeliveryResend(IDeliveryLedger ledger, IStoryLedger stories, ISubscriberStore subscribers, IMessageQueue queue)
{
    public Task<UncertainAttempt?> FindAsync(string storyId, string attemptId, CancellationToken cancellationToken = default) =>
        ledger.FindUncertainAsync(storyId, attemptId, cancellationToken);

    /// <summary>Returns how many recipients were queued again.</summary>
    public async Task<int> ResendAsync(UncertainAttempt attempt, CancellationToken cancellationToken = default)
    {
        var classified = await stories.GetClassifiedAsync(attempt.StoryId, cancellationToken)
            ?? throw new InvalidOperationException($"{attempt.StoryId} is not a classified story (a digest's batches cannot be resent this way)");
        if (!await ledger.ReleaseAsync(attempt, cancellationToken))
        {
            throw new InvalidOperationException($"attempt {attempt.AttemptId} changed meanwhile (another operator or worker); look again");
        }
        var active = (await subscribers.GetManyAsync(attempt.Recipients, cancellationToken)).Where(s => s.Status == SubscriberStatus.Active);
        var queued = 0;
        foreach (var language in active.GroupBy(s => Languages.Normalize(s.Language)))
        {
            foreach (var ids in language.Select(s => s.Id).Chunk(NotifySubscribersStage.BatchSize))
            {
                var batch = new DeliveryBatchMessage(attempt.StoryId, classified.Verdict.RuleSetVersion, language.Key, attempt.Batch, ids);
                await queue.SendAsync(QueueNames.Deliveries, batch, cancellationToken);
                queued += ids.Length;
            }
        }
        return queued;
    }
}
