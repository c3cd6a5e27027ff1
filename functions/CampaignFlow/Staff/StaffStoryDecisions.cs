using CampaignFlow.Classification;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;

namespace CampaignFlow.Staff;

/// <summary>
/// Staff decisions on stories, from the console: approve a held story or send one the classifier dropped (its alert
/// goes through the normal fan-out), reject any classified story. Each decision is recorded with who and when, joins
/// the staff-decisions corpus as a positive or a negative, and is written to the action log.
/// </summary>
public sealed class StaffStoryDecisions(
    IStoryArchive archive, IStoryTextStore texts, IMessageQueue queue, IStaffDecisionCorpus corpus, IStaffActionLog log, TimeProvider clock)
{
    /// <summary>Approves a held story or sends a dropped one; a second click changes nothing and sends nothing twice.</summary>
    public Task<StaffDecisionResult> SendAsync(string storyId, string who, CancellationToken cancellationToken = default) =>
        DecideAsync(storyId, approved: true, who, cancellationToken);

    public Task<StaffDecisionResult> RejectAsync(string storyId, string who, CancellationToken cancellationToken = default) =>
        DecideAsync(storyId, approved: false, who, cancellationToken);

    private async Task<StaffDecisionResult> DecideAsync(string storyId, bool approved, string who, CancellationToken cancellationToken)
    {
        var before = await archive.GetAsync(storyId, cancellationToken);
        var result = await archive.DecideAsync(storyId, approved, who, cancellationToken);
        if (before?.Verdict is not { } verdict || result is not (StaffDecisionResult.Recorded or StaffDecisionResult.AlreadyDecided))
        {
            return result;
        }
        if (approved)
        {
            // Recorded first, then enqueued: a second click (or a retry after a crash in between) raises the alert again,
            // which is harmless — the delivery ledger sends each recipient a story once.
            await queue.SendAsync(QueueNames.Alerts, new AlertMessage(storyId, verdict.RuleSetVersion), cancellationToken);
        }
        if (result == StaffDecisionResult.Recorded)
        {
            var action = !approved ? "reject" : verdict.Decision == ClassificationDecision.Hold ? "approve" : "send";
            await corpus.SaveAsync(await ExampleAsync(before, approved, action, cancellationToken), cancellationToken);
            await log.RecordAsync(new StaffAction(who, clock.GetUtcNow(), action, storyId, Detail(action, verdict)), cancellationToken);
        }
        return result;
    }

    private async Task<LabeledStory> ExampleAsync(StoryEntry entry, bool approved, string action, CancellationToken cancellationToken)
    {
        var body = entry.Story.HasFullText ? await texts.GetAsync(entry.Story.Id, cancellationToken) ?? entry.Story.Summary : entry.Story.Summary;
        var example = StoryReview.LabeledExample(new ClassifiedStory(entry.Story, entry.Verdict!), approved);
        return example with
        {
            Body = body,
            Source = action switch { "send" => "staff-sent", "approve" => "staff-approved", _ => "staff-rejected" },
            Note = $"{action} by staff; classifier said {entry.Verdict!.Decision} with rule set {entry.Verdict.RuleSetVersion} (score {entry.Verdict.Score:0.00})",
        };
    }

    private static string Detail(string action, StoryVerdict verdict) => action switch
    {
        "send" => $"sent a story the classifier dropped (score {verdict.Score:0.00}, rule set {verdict.RuleSetVersion})",
        "approve" => $"approved a held story (score {verdict.Score:0.00}, rule set {verdict.RuleSetVersion})",
        _ => $"rejected: not about the ban (classifier said {verdict.Decision})",
    };
}
