using Azure.Data.Tables;
using CampaignFlow.Classification;
using CampaignFlow.Stories;
using CampaignFlow.Tuning;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// The latest classified stories from the ledger, as the live preview re-classifies them: the text the pipeline
/// classified (the article's full text when it was fetched, else the feed's summary).
/// </summary>
public sealed class TableRecentStories(TableServiceClient tables, IStoryTextStore texts, TimeProvider clock) : IPreviewStorySource
{
    /// <summary>How many stories the preview re-classifies on each edit (the budget is measured on this many).</summary>
    public const int Count = 500;
    private static readonly TimeSpan Window = TimeSpan.FromDays(90);
    private readonly TableClient table = tables.GetTableClient(TableNames.Stories);

    public async Task<IReadOnlyList<PreviewStory>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {"story"} and FirstSeen ge {clock.GetUtcNow() - Window}");
        var select = new[] { "PartitionKey", "Title", "Summary", "Language", "Published", "FirstSeen", "HasFullText", "Decision" };
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Decision") is not null)
            {
                rows.Add(row);
            }
        }
        var latest = rows.OrderByDescending(r => r.GetDateTimeOffset("FirstSeen")).Take(Count).ToList();
        var stories = new PreviewStory[latest.Count];
        await Parallel.ForAsync(0, latest.Count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var row = latest[i];
            var body = row.GetString("Summary") ?? "";
            if (row.GetBoolean("HasFullText") == true)
            {
                body = await texts.GetAsync(row.PartitionKey, ct).ConfigureAwait(false) ?? body;
            }
            stories[i] = PreviewStory.Recent(new StoryText(row.PartitionKey, row.GetString("Title") ?? "", body, row.GetString("Language"), row.GetDateTimeOffset("Published")));
        });
        return stories;
    }
}
