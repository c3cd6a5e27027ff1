using CampaignFlow.Classification;
using CampaignFlow.Stories;
using CampaignFlow.Telemetry;

namespace CampaignFlow.Pipeline;

/// <summary>The ClassifyStory stage: classifies a ledger story, records the verdict, and raises an alert when it is relevant.</summary>
public sealed class ClassifyStoryStage(IStoryLedger ledger, IStoryClassifier classifier, IMessageQueue queue, IPipelineTelemetry telemetry, IStoryTextStore texts)
    : IPipelineStage<StoryMessage, StoryVerdict>
{
    public async Task<StoryVerdict> HandleAsync(StoryMessage message, CancellationToken cancellationToken = default)
    {
        var story = await ledger.GetAsync(message.StoryId, cancellationToken)
            ?? throw new InvalidMessageException($"story {message.StoryId} is not in the ledger");
        // The article's full text when the poller fetched it, else the feed's summary.
        var body = story.HasFullText ? await texts.GetAsync(story.Id, cancellationToken) ?? story.Summary : story.Summary;
        await classifier.ReadyAsync(cancellationToken);
        var verdict = classifier.Classify(new StoryText(story.Id, story.Title, body, story.Language, story.Published));
        await ledger.SaveVerdictAsync(story.Id, verdict, cancellationToken);
        telemetry.Track(PipelineEvents.StoryClassified, story.Id, new Dictionary<string, object?>
        {
            ["relevant"] = verdict.Relevant,
            ["decision"] = verdict.Decision.ToString(),
            ["score"] = Math.Round(verdict.Score, 3),
            ["ruleVersion"] = verdict.RuleSetVersion,
        });
        if (verdict.Decision == ClassificationDecision.Send)
        {
            // A duplicate alert (from a retried or re-enqueued story) is harmless: delivery is deduplicated per recipient.
            await queue.SendAsync(QueueNames.Alerts, new AlertMessage(story.Id, verdict.RuleSetVersion), cancellationToken);
        }
        return verdict;
    }
}
