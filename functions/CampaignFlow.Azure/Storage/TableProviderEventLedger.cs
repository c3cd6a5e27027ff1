using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// Seen provider event ids in the <c>providerevents</c> table: one row per id (a SHA-256 of it, partition = its first
/// two hex digits), inserted once; a second insert conflicts, which is how a replay is recognised across instances.
/// Each row carries its expiry; expired rows are pruned at most once an hour by whichever call comes first.
/// </summary>
public sealed class TableProviderEventLedger(TableServiceClient tables, TimeProvider clock, ILogger<TableProviderEventLedger> logger) : IProviderEventLedger
{
    public const string ExpiresColumn = "Expires";
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly TableClient _table = tables.GetTableClient(TableNames.ProviderEvents);
    private long _nextPruneTicks;

    public async Task<bool> FirstSeenAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var row = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
        var entity = new TableEntity(row[..2], row) { [ExpiresColumn] = now + keepFor };
        bool first;
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            first = true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, row, cancellationToken: cancellationToken);
            first = existing.HasValue && existing.Value!.GetDateTimeOffset(ExpiresColumn) < now;
            if (first)
            {
                // Seen long ago and not yet pruned: counts as new, for another keepFor.
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
        await PruneIfDueAsync(now, cancellationToken);
        return first;
    }

    /// <summary>Deletes the rows whose expiry has passed; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        // The column by name in the text: CreateQueryFilter quotes every interpolated value, and 'Expires' lt datetime'…'
        // (a string against a date) is refused as an invalid query.
        var deleted = 0;
        var expired = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Expires lt {clock.GetUtcNow()}"), maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await foreach (var row in expired)
        {
            var response = await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            deleted += response.Status == 404 ? 0 : 1;
        }
        return deleted;
    }

    private async Task PruneIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) != due)
        {
            return;
        }
        try
        {
            if (await PruneAsync(cancellationToken) is > 0 and var deleted)
            {
                logger.LogInformation("Pruned {Rows} expired provider event ids", deleted);
            }
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Pruning expired provider event ids failed; the next call after {Next:u} tries again", now + PruneEvery);
        }
    }
}
