using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Azure.Storage;

/// <summary>Subscribers in Table Storage, keyed by the address hash (partition = its first two hex digits).</summary>
public sealed class TableSubscriberStore(TableServiceClient tables) : ISubscriberStore
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Subscribers);

    public Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(ToEntity(subscriber), TableUpdateMode.Replace, cancellationToken);

    public async Task UpsertManyAsync(IEnumerable<Subscriber> subscribers, CancellationToken cancellationToken = default)
    {
        // A transaction holds up to 100 rows of one partition; run a few at once.
        var transactions = subscribers
            .GroupBy(s => Partition(s.Id))
            .SelectMany(g => g.DistinctBy(s => s.Id).Chunk(100))
            .Select(chunk => chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))).ToList());
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (actions, ct) => await _table.SubmitTransactionAsync(actions, ct));
    }

    /// <summary>
    /// Fan-out batches are runs of the list in key order, so their ids crowd into a few partitions: each crowded
    /// partition is read with one RowKey-range query, the stragglers with point reads.
    /// </summary>
    public async Task<IReadOnlyList<Subscriber>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Where(id => id.Length >= 2).ToHashSet(StringComparer.Ordinal);
        var found = new System.Collections.Concurrent.ConcurrentBag<Subscriber>();
        var groups = wanted.GroupBy(Partition).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            if (group.Count() < 16)
            {
                foreach (var id in group)
                {
                    if (await GetAsync(id, ct) is { } one)
                    {
                        found.Add(one);
                    }
                }
                return;
            }
            var (first, last) = (group.Min(StringComparer.Ordinal)!, group.Max(StringComparer.Ordinal)!);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {group.Key} and RowKey ge {first} and RowKey le {last}");
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct))
            {
                if (wanted.Contains(entity.RowKey))
                {
                    found.Add(FromEntity(entity));
                }
            }
        });
        return found.ToList();
    }

    public async IAsyncEnumerable<Subscriber> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id.Length < 2)
        {
            return null;
        }
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(id), id, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await _table.DeleteEntityAsync(Partition(id), id, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    public async IAsyncEnumerable<Subscriber> ListActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(SubscriberStatus.Active)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }

    private static string Partition(string id) => id[..2];

    private static TableEntity ToEntity(Subscriber s) => new(Partition(s.Id), s.Id)
    {
        ["Email"] = s.Email,
        ["Name"] = s.Name,
        ["Language"] = s.Language,
        ["Topics"] = string.Join(',', s.Topics),
        ["Regions"] = string.Join(',', s.Regions),
        ["Cadence"] = s.Cadence.ToString(),
        ["Status"] = s.Status.ToString(),
        ["StatusReason"] = s.StatusReason,
        ["StatusChangedAt"] = s.StatusChangedAt,
        ["ConsentAt"] = s.ConsentAt,
        ["ConsentSource"] = s.ConsentSource,
        ["TokenVersion"] = s.TokenVersion,
    };

    private static Subscriber FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        Email = e.GetString("Email") ?? "",
        Name = e.GetString("Name"),
        Language = e.GetString("Language") ?? "en",
        Topics = Split(e.GetString("Topics")),
        Regions = Split(e.GetString("Regions")),
        Cadence = Enum.TryParse<Cadence>(e.GetString("Cadence"), out var cadence) ? cadence : Cadence.Instant,
        Status = Enum.TryParse<SubscriberStatus>(e.GetString("Status"), out var status) ? status : SubscriberStatus.Pending,
        StatusReason = e.GetString("StatusReason"),
        StatusChangedAt = e.GetDateTimeOffset("StatusChangedAt"),
        ConsentAt = e.GetDateTimeOffset("ConsentAt"),
        ConsentSource = e.GetString("ConsentSource"),
        TokenVersion = e.GetInt32("TokenVersion") ?? 0,
    };

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
