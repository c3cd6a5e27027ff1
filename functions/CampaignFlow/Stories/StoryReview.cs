using CampaignFlow.Classification;
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

    /// <summary>
    /// A person's decision as a labeled example for the evaluation corpus, so the rule set is measured on the
    /// cases it found hard: approved = relevant with the classifier's topics and regions (staff may refine them),
    /// rejected = not relevant.
    /// </summary>
    public static LabeledStory LabeledExample(ClassifiedStory decided, bool approved) => new()
    {
        Id = "review-" + decided.Story.Id,
        Lang = decided.Story.Language,
        Published = decided.Story.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Publisher = decided.Story.Feed,
        Title = decided.Story.Title,
        Body = decided.Story.Summary,
        Relevant = approved,
        Topics = approved ? decided.Verdict.Topics : [],
        Regions = approved ? decided.Verdict.Regions : [],
        Difficulty = "hard",
        Note = $"held for review by rule set {decided.Verdict.RuleSetVersion} (score {decided.Verdict.Score:0.00})",
        Source = approved ? "staff-approved" : "staff-rejected",
    };
}
