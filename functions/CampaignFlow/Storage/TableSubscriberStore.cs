using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Storage;

/// <summary>Subscribers in Table Storage, keyed by the address hash (partition = its first two hex digits).</summary>
public sealed class TableSubscriberStore(TableServiceClient tables) : ISubscriberStore
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Subscribers);

    public Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(ToEntity(subscriber), TableUpdateMode.Replace, cancellationToken);

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
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
        ["ConsentAt"] = s.ConsentAt,
        ["ConsentSource"] = s.ConsentSource,
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
        ConsentAt = e.GetDateTimeOffset("ConsentAt"),
        ConsentSource = e.GetString("ConsentSource"),
    };

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
