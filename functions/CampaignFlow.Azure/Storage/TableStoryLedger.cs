using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Classification;
using CampaignFlow.Stories;

namespace CampaignFlow.Azure.Storage;

/// <summary>The story ledger in Table Storage: one row per story, keyed by <see cref="StoryKey"/>.</summary>
public sealed class TableStoryLedger(TableServiceClient tables, TimeProvider clock) : IStoryLedger
{
    internal const string Row = "story";
    private const string ReleaseRow = "release";
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
            ["ReleaseKey"] = story.ReleaseKey,
            ["ReleaseOf"] = story.ReleaseOf,
            ["Updates"] = story.Updates,
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

    public Task SaveVerdictAsync(string storyId, StoryVerdict verdict, CancellationToken cancellationToken = default) =>
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
        return entity is null || json is null ? null : new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<StoryVerdict>(json)!);
    }

    public Task RecordUpdateAsync(Story story, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(
            new TableEntity(story.Id, Row)
            {
                ["Title"] = story.Title,
                ["Summary"] = story.Summary,
                ["PreviousTitle"] = story.PreviousTitle,
                ["Updates"] = story.Updates,
                ["LastUpdated"] = story.LastUpdated,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    public async Task<ReleaseClaim> ClaimReleaseAsync(string releaseKey, string storyId, string? language, CancellationToken cancellationToken = default)
    {
        // One row per release in the same table (partition "release|key"); the first writer wins atomically.
        var partition = ReleasePartition(releaseKey);
        try
        {
            await _table.AddEntityAsync(new TableEntity(partition, ReleaseRow) { ["StoryId"] = storyId, ["Language"] = language }, cancellationToken);
            return new ReleaseClaim(storyId, language);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var holder = (await _table.GetEntityAsync<TableEntity>(partition, ReleaseRow, cancellationToken: cancellationToken)).Value;
            return new ReleaseClaim(holder.GetString("StoryId") ?? storyId, holder.GetString("Language"));
        }
    }

    public async Task AddLanguageVersionAsync(string storyId, string language, string versionStoryId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entity = await FindAsync(storyId, cancellationToken);
            if (entity is null)
            {
                return;
            }
            var versions = new Dictionary<string, string>(ParseVersions(entity.GetString("LanguageVersions"))) { [language] = versionStoryId };
            try
            {
                await _table.UpdateEntityAsync(
                    new TableEntity(storyId, Row) { ["LanguageVersions"] = FormatVersions(versions) },
                    entity.ETag,
                    TableUpdateMode.Merge,
                    cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Another writer changed the row in between: read it again.
            }
        }
    }

    public Task SetHasFullTextAsync(string storyId, CancellationToken cancellationToken = default) =>
        _table.UpdateEntityAsync(new TableEntity(storyId, Row) { ["HasFullText"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private static string ReleasePartition(string releaseKey) =>
        "release|" + releaseKey.Replace('/', '|').Replace('\\', '|').Replace('#', '|').Replace('?', '|');

    private static IReadOnlyDictionary<string, string> ParseVersions(string? text) =>
        (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);

    private static string FormatVersions(IReadOnlyDictionary<string, string> versions) =>
        string.Join(' ', versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

    public async IAsyncEnumerable<ClassifiedStory> ListHeldAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Decision eq {nameof(ClassificationDecision.Hold)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.GetString("Review") is null && entity.GetString("Verdict") is { } json)
            {
                yield return new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<StoryVerdict>(json)!);
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
                yield return new ClassifiedStory(ToStory(entity), JsonSerializer.Deserialize<StoryVerdict>(json)!);
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

    internal static Story ToStory(TableEntity e) => new()
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
        ReleaseKey = e.GetString("ReleaseKey"),
        ReleaseOf = e.GetString("ReleaseOf"),
        LanguageVersions = ParseVersions(e.GetString("LanguageVersions")),
        Updates = e.GetInt32("Updates") ?? 0,
        PreviousTitle = e.GetString("PreviousTitle"),
        LastUpdated = e.GetDateTimeOffset("LastUpdated"),
        HasFullText = e.GetBoolean("HasFullText") ?? false,
    };
}
