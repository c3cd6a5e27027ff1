using CampaignFlow.Pipeline;

namespace CampaignFlow.Stories;

/// <summary>The review band: held stories wait for a person; approving one raises its alert, rejecting it sends nothing.</summary>
public sealed class StoryReview(IStoryLedger ledger, IMessageQueue queue)
{
    public IAsyncEnumerable<ClassifiedStory> ListAsync(CancellationToken cancellationToken = default) => ledger.ListHeldAsync(cancellationToken);

    /// <summary>False when the story is not waiting for review.</summary>
    public async Task<bool> ApproveAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var story = await ledger.GetClassifiedAsync(storyId, cancellationToken);
        if (story is null || !await ledger.SetReviewAsync(storyId, approved: true, cancellationToken))
        {
            return false;
        }
        // Recorded first, then enqueued: after a crash in between, approving again re-raises the alert (the same
        // decision succeeds again), and a duplicate alert is harmless because delivery is exactly-once per recipient.
        await queue.SendAsync(QueueNames.Alerts, new AlertMessage(storyId, story.Verdict.RuleSetVersion), cancellationToken);
        return true;
    }

    public Task<bool> RejectAsync(string storyId, CancellationToken cancellationToken = default) =>
        ledger.SetReviewAsync(storyId, approved: false, cancellationToken);
}
