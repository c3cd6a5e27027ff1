using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// Fixed-window counts in the <c>ratelimits</c> table, shared by every instance. One row per key and window holds the
/// count, raised by ETag-conditional writes. The partition is the window's end and length (<c>20260114T140000Z-3600</c>),
/// so every finished window sorts before "now": pruning is one range query and batch deletes of whole partitions.
/// Row keys are HMAC-SHA256 of the key under the token-signing key: no IP or email address is stored, and without the
/// key nobody can recover one by hashing every IPv4 address. When storage fails it throws <see cref="RateLimitUnavailableException"/> (fail closed).
/// </summary>
public sealed class TableRateLimiter(TableServiceClient tables, IOptions<TokenOptions> tokens, TimeProvider clock, ILogger<TableRateLimiter> logger) : IRateLimiter
{
    public const string CountColumn = "Count";
    private const string EndFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly TableClient _table = tables.GetTableClient(TableNames.RateLimits);
    private long _nextPruneTicks;

    public async Task<bool> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var partition = Partition(now, window);
        bool allowed;
        try
        {
            allowed = await CountAsync(partition, RowKey(key), limit, cancellationToken);
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken))
        {
            // Fail closed: the limit is what stands between a bot and a flood of confirmation mails, and the sign-up it
            // guards writes to the same storage account, so it could not be recorded anyway. The caller answers 503.
            logger.LogWarning(ex, "Rate limit could not be counted for window {Window}: storage unavailable, hit refused", partition);
            throw new RateLimitUnavailableException("The rate limit's storage is unavailable", ex);
        }
        await PruneIfDueAsync(now, cancellationToken);
        return allowed;
    }

    /// <summary>Deletes the counts of every finished window; returns how many rows went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().ToString(EndFormat, CultureInfo.InvariantCulture);
        var deleted = 0;
        var pages = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {before}"), maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await foreach (var page in pages.AsPages())
        {
            foreach (var chunk in page.Values.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)))
            {
                try
                {
                    await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
                    deleted += chunk.Length;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // Another instance pruned the same rows first.
                }
            }
        }
        return deleted;
    }

    /// <summary>The partition of the window holding <paramref name="now"/>: its end (UTC), then its length in seconds.</summary>
    public static string Partition(DateTimeOffset now, TimeSpan window)
    {
        var seconds = (long)window.TotalSeconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, nameof(window));
        var end = DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / seconds + 1) * seconds);
        return end.ToString(EndFormat, CultureInfo.InvariantCulture) + "-" + seconds.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<bool> CountAsync(string partition, string row, int limit, CancellationToken cancellationToken)
    {
        // Optimistic concurrency: read, then write count + 1 only if nobody wrote since (ETag; an insert for the first
        // hit). A lost race means another caller's hit was counted, so this ends within limit + 1 rounds. Hits over the
        // limit are refused on the read alone: a flood costs one read per request and never contends.
        while (true)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            var count = existing.HasValue ? existing.Value!.GetInt32(CountColumn) ?? 0 : 0;
            if (count >= limit)
            {
                return false;
            }
            var entity = new TableEntity(partition, row) { [CountColumn] = count + 1 };
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(entity, cancellationToken);
                }
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Someone else counted (or pruned the row) between the read and the write: read again.
            }
        }
    }

    private async Task PruneIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // At most once an hour per instance, by whichever hit comes first: no timer needed in either host.
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneEvery).UtcTicks, due) != due)
        {
            return;
        }
        try
        {
            if (await PruneAsync(cancellationToken) is > 0 and var deleted)
            {
                logger.LogInformation("Pruned {Rows} rate-limit counts of finished windows", deleted);
            }
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken))
        {
            logger.LogWarning(ex, "Pruning finished rate-limit windows failed; the next hit after {Next:u} tries again", now + PruneEvery);
        }
    }

    private string RowKey(string key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(SigningKeys.ForPurpose(tokens.Value.SigningKey, "ratelimit"), Encoding.UTF8.GetBytes(key)));

    private static bool Unavailable(Exception ex, CancellationToken cancellationToken) =>
        ex is RequestFailedException or AggregateException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
