using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Classification;
using CampaignFlow.Stories;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// The staff view of the <c>stories</c> table (rows as <see cref="TableStoryLedger"/> writes them) and staff decisions
/// on it: <c>Review</c> (Approved / Rejected, the column the review band and the digest already read), <c>ReviewedAt</c>
/// and <c>ReviewedBy</c>, written with the row's ETag so two decisions at once make one.
/// </summary>
public sealed class TableStoryArchive(TableServiceClient tables, TimeProvider clock) : IStoryArchive
{
    private const string Approved = "Approved";
    private const string Rejected = "Rejected";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Stories);

    public async IAsyncEnumerable<StoryEntry> ListSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableStoryLedger.Row} and FirstSeen ge {since}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ToEntry(entity);
        }
    }

    public async Task<StoryEntry?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var entity = await FindAsync(storyId, cancellationToken);
        return entity is null ? null : ToEntry(entity);
    }

    public async Task<StaffDecisionResult> DecideAsync(string storyId, bool approved, string who, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var entity = await FindAsync(storyId, cancellationToken);
            if (entity?.GetString("Verdict") is null)
            {
                return StaffDecisionResult.NotClassified;
            }
            var wanted = approved ? Approved : Rejected;
            if (entity.GetString("Review") is { } review)
            {
                return review == wanted ? StaffDecisionResult.AlreadyDecided : StaffDecisionResult.DecidedOtherwise;
            }
            if (approved && entity.GetString("Decision") == nameof(ClassificationDecision.Send))
            {
                return StaffDecisionResult.AlreadySent;
            }
            try
            {
                await _table.UpdateEntityAsync(
                    new TableEntity(storyId, TableStoryLedger.Row) { ["Review"] = wanted, ["ReviewedAt"] = clock.GetUtcNow(), ["ReviewedBy"] = who },
                    entity.ETag,
                    TableUpdateMode.Merge,
                    cancellationToken);
                return StaffDecisionResult.Recorded;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone else wrote the row in between (another click, another reviewer): read what they decided.
            }
        }
        return StaffDecisionResult.DecidedOtherwise;
    }

    private async Task<TableEntity?> FindAsync(string storyId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(storyId, TableStoryLedger.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static StoryEntry ToEntry(TableEntity entity)
    {
        var verdict = entity.GetString("Verdict") is { } json ? JsonSerializer.Deserialize<StoryVerdict>(json) : null;
        var decision = entity.GetString("Review") is { } review
            ? new StaffDecision(review == Approved, entity.GetString("ReviewedBy"), entity.GetDateTimeOffset("ReviewedAt"))
            : null;
        return new StoryEntry(TableStoryLedger.ToStory(entity), verdict, decision);
    }
}
