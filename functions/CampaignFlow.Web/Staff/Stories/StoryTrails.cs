using CampaignFlow.Delivery;
using CampaignFlow.Staff;
using CampaignFlow.Stories;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>Reads one story's trail from the ledger, the text store, the delivery ledger, the action log and the SendGrid events.</summary>
public sealed class StoryTrails(IStoryArchive archive, IStoryTextStore texts, IDeliveryReport deliveries, IStaffActionLog actions, IStoryEventFigures events)
{
    public async Task<StoryTrail?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        if (storyId.Length > 200 || await archive.GetAsync(storyId, cancellationToken) is not { } entry)
        {
            return null;
        }
        var story = entry.Story;
        // The text the classifier read: the article when the poller fetched it, else the feed's summary.
        var body = story.HasFullText ? await texts.GetAsync(story.Id, cancellationToken) ?? story.Summary : story.Summary;
        var versions = new List<StoryEntry>();
        foreach (var id in story.LanguageVersions.Values.Append(story.ReleaseOf).OfType<string>().Distinct())
        {
            if (await archive.GetAsync(id, cancellationToken) is { } version)
            {
                versions.Add(version);
            }
        }
        var batches = new List<BatchRecord>();
        await foreach (var batch in deliveries.ListBatchesAsync(story.Id, cancellationToken))
        {
            batches.Add(batch);
        }
        var log = new List<StaffAction>();
        await foreach (var action in actions.ListAsync(story.Id, cancellationToken))
        {
            log.Add(action);
        }
        return new StoryTrail(entry, story.Title + "\n\n" + body, versions, [.. batches.OrderBy(b => b.Batch).ThenBy(b => b.UpdatedAt)], log,
            await events.GetAsync(story.Id, cancellationToken));
    }
}
