using CampaignFlow.Delivery;
using CampaignFlow.Stories;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>The landing page's data: the newest stories of every feed with what became of them, filtered.</summary>
public sealed class RecentStories(IStoryArchive archive, IDeliveryReport deliveries, TimeProvider clock)
{
    /// <summary>How far back the page looks, and how many lines it shows at most.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(60);
    public const int MaxRows = 200;

    public async Task<RecentStoriesView> ListAsync(StoryFilter filter, CancellationToken cancellationToken = default)
    {
        var entries = new List<StoryEntry>();
        await foreach (var entry in archive.ListSinceAsync(clock.GetUtcNow() - Window, cancellationToken))
        {
            entries.Add(entry);
        }
        var newest = entries.OrderByDescending(e => e.Story.FirstSeen).ThenByDescending(e => e.Story.Published).ToList();
        var rows = new List<StoryRow>();
        foreach (var entry in newest)
        {
            var state = StoryState.Of(entry);
            var row = new StoryRow(entry, state, null, 0);
            if (!filter.Matches(row))
            {
                continue;
            }
            rows.Add(state == StoryState.Sent || entry.Verdict?.Decision == Classification.ClassificationDecision.Send ? await WithDeliveriesAsync(row, cancellationToken) : row);
            if (rows.Count == MaxRows)
            {
                break;
            }
        }
        return new RecentStoriesView(rows, filter,
            [.. entries.Select(e => e.Story.Feed).Distinct().Order(StringComparer.Ordinal)],
            [.. entries.Select(e => e.Story.Language ?? "").Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal)],
            entries.Count);
    }

    private async Task<StoryRow> WithDeliveriesAsync(StoryRow row, CancellationToken cancellationToken)
    {
        DateTimeOffset? first = null;
        var recipients = 0;
        await foreach (var batch in deliveries.ListBatchesAsync(row.Entry.Story.Id, cancellationToken))
        {
            if (batch.Status == "sent")
            {
                recipients += batch.Recipients;
                first = first is null || batch.UpdatedAt < first ? batch.UpdatedAt : first;
            }
        }
        return row with { SentAt = first, Recipients = recipients };
    }
}
