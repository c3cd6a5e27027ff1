using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Classification;
using CampaignFlow.Stories;
using Verdict = CampaignFlow.Classification.Classification;

namespace CampaignFlow.Storage;

/// <summary>The story ledger in Table Storage: one row per story, keyed by <see cref="StoryKey"/>.</summary>
public sealed class TableStoryLedger(TableServiceClient tables, TimeProvider clock) : IStoryLedger
{
    private const string Row = "story";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Stories);

    public async Task<bool> TryAddAsync(Story story, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(story.Id, Row)
        {
            ["Feed"] = story.Feed,
            ["Language"] = story.Language,
            ["Title"] = story.Title,
            ["Summary"] = story.Summary,
            ["Link"] = story.Link,
            ["Published"] = story.Published,
            ["Status"] = story.Status.ToString(),
            ["FirstSeen"] = clock.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var entity = await FindAsync(storyId, cancellationToken);
        return entity is null ? null : ToStory(entity);
    }

    public Task SetStatusAsync(string storyId, StoryStatus status, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(new TableEntity(storyId, Row) { ["Status"] = status.ToString() }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public async IAsyncEnumerable<Story> ListPendingAsync(string feed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Feed eq {feed} and Status eq {nameof(StoryStatus.Pending)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ToStory(entity);
        }
    }

    public Task SaveVerdictAsync(string storyId, Verdict verdict, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(
            new TableEntity(storyId, Row)
            {
                ["Verdict"] = JsonSerializer.Serialize(verdict),
                ["Relevant"] = verdict.Relevant,
                ["Decision"] = verdict.Decision.ToString(),
                ["RuleSetVersion"] = verdict.RuleSetVersion,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    public async Task<ClassifiedStory?> GetClassifiedAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var entity = await FindAsync(storyId, cancellationToken);
        var json = entity?.GetString("Verdict");
        return entity is null || json is null ? null : new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<Verdict>(json)!);
    }

    public async IAsyncEnumerable<ClassifiedStory> ListHeldAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Decision eq {nameof(ClassificationDecision.Hold)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.GetString("Review") is null && entity.GetString("Verdict") is { } json)
            {
                yield return new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<Verdict>(json)!);
            }
        }
    }

    public async IAsyncEnumerable<ClassifiedStory> ListRelevantSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"FirstSeen ge {since} and (Decision eq {nameof(ClassificationDecision.Send)} or Review eq {"Approved"})");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.GetString("Verdict") is { } json)
            {
                yield return new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<Verdict>(json)!);
            }
        }
    }

    public async Task<bool> SetReviewAsync(string storyId, bool approved, CancellationToken cancellationToken = default)
    {
        var entity = await FindAsync(storyId, cancellationToken);
        var decision = approved ? "Approved" : "Rejected";
        if (entity is null || entity.GetString("Decision") != nameof(ClassificationDecision.Hold))
        {
            return false;
        }
        if (entity.GetString("Review") is { } review)
        {
            // Idempotent: the same decision again succeeds (so a repeated approve re-raises the alert); the opposite fails.
            return review == decision;
        }
        try
        {
            // The ETag makes two reviewers deciding at once produce one decision.
            await _table.UpdateEntityAsync(
                new TableEntity(storyId, Row) { ["Review"] = decision, ["ReviewedAt"] = clock.GetUtcNow() },
                entity.ETag,
                TableUpdateMode.Merge,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private async Task<TableEntity?> FindAsync(string storyId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(storyId, Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static Story ToStory(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Feed = e.GetString("Feed") ?? "",
        Language = e.GetString("Language"),
        Title = e.GetString("Title") ?? "",
        Summary = e.GetString("Summary") ?? "",
        Link = e.GetString("Link"),
        Published = e.GetDateTimeOffset("Published"),
        Status = Enum.Parse<StoryStatus>(e.GetString("Status") ?? nameof(StoryStatus.Pending)),
        FirstSeen = e.GetDateTimeOffset("FirstSeen") ?? default,
    };
}
