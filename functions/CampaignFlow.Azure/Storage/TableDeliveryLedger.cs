using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;

namespace CampaignFlow.Azure.Storage;

/// <summary>
/// The delivery ledger in Table Storage (the protocol is on <see cref="IDeliveryLedger"/>). Attempt rows
/// (<c>attempt|id</c>: <c>Status</c>, <c>UpdatedAt</c>) sit in the story's partition; claim rows (<c>Attempt</c>,
/// <c>ClaimedAt</c>), one per recipient, in <c>story|xx</c> by the recipient id's first two hex digits, so a partition
/// holds about 1/256 of an audience (Azurite scans a partition on every insert; Azure spreads the load). A
/// recipient's state is its attempt's state, so marking 1,000 recipients sent is one write.
/// </summary>
public sealed class TableDeliveryLedger(TableServiceClient tables, TimeProvider clock) : IDeliveryLedger
{
    public const string Prepared = "prepared";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    private const string AttemptPrefix = "attempt|";
    private const int TransactionSize = 100;
    /// <summary>
    /// Claim transactions in flight per batch. Each holds ~30 KB per row in the SDK while it runs, and an instance
    /// delivers up to 16 batches at once: 4 keeps a large audience's few transactions quick and a small audience's
    /// many (one per partition it touches) from piling up.
    /// </summary>
    private const int ClaimConcurrency = 4;
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    public async Task<DeliveryAttempt> BeginAsync(string storyId, int batch, IReadOnlyList<string> recipientIds, CancellationToken cancellationToken = default)
    {
        var attemptId = Guid.NewGuid().ToString("n");
        var now = clock.GetUtcNow();
        var row = await _table.AddEntityAsync(
            new TableEntity(storyId, AttemptPrefix + attemptId) { ["Status"] = Prepared, ["Batch"] = batch, ["Count"] = recipientIds.Count, ["UpdatedAt"] = now },
            cancellationToken);
        // Claims spread over the story's 256 claim partitions, so no partition grows with the audience; a batch is a
        // run of the subscriber list in key order, so its ids crowd into a few of them (one transaction per 100).
        var conflicted = new System.Collections.Concurrent.ConcurrentQueue<string[]>();
        var fresh = new System.Collections.Concurrent.ConcurrentQueue<string[]>();
        var transactions = recipientIds.Distinct(StringComparer.Ordinal).GroupBy(id => ClaimPartition(storyId, id)).SelectMany(g => g.Chunk(TransactionSize));
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = ClaimConcurrency, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Add, Claim(storyId, id, attemptId, now))), ct);
                fresh.Enqueue(chunk);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some rows exist (a retry, a duplicate, a racing worker): decide recipient by recipient below.
                conflicted.Enqueue(chunk);
            }
        });
        List<string> claimed = [.. fresh.SelectMany(c => c)], busy = [], uncertain = [];
        var uncertainAttempts = new SortedSet<string>(StringComparer.Ordinal);
        var alreadySent = 0;
        var attempts = new Dictionary<string, AttemptRow?>();
        foreach (var id in conflicted.SelectMany(c => c))
        {
            var (claim, owner) = await ClaimOneAsync(storyId, id, attemptId, now, attempts, cancellationToken);
            switch (claim)
            {
                case DeliveryClaim.Claimed: claimed.Add(id); break;
                case DeliveryClaim.AlreadySent: alreadySent++; break;
                case DeliveryClaim.Busy: busy.Add(id); break;
                case DeliveryClaim.Uncertain: uncertain.Add(id); uncertainAttempts.Add(owner); break;
            }
        }
        return new DeliveryAttempt
        {
            StoryId = storyId,
            AttemptId = attemptId,
            Batch = batch,
            Version = row.Headers.ETag?.ToString() ?? throw new InvalidOperationException("the attempt row has no ETag"),
            Claimed = claimed,
            AlreadySent = alreadySent,
            Busy = busy,
            Uncertain = uncertain,
            UncertainAttempts = [.. uncertainAttempts],
        };
    }

    public async Task<bool> MarkSendingAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(
                new TableEntity(attempt.StoryId, AttemptPrefix + attempt.AttemptId) { ["Status"] = Sending, ["Claimed"] = attempt.Claimed.Count, ["UpdatedAt"] = clock.GetUtcNow() },
                new ETag(attempt.Version),
                TableUpdateMode.Merge,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public Task MarkSentAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        SetStatusAsync(attempt, Sent, null, cancellationToken);

    public Task MarkFailedAsync(DeliveryAttempt attempt, string reason, CancellationToken cancellationToken = default) =>
        SetStatusAsync(attempt, Failed, reason, cancellationToken);

    public async Task AbandonAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        await _table.DeleteEntityAsync(attempt.StoryId, AttemptPrefix + attempt.AttemptId, ETag.All, cancellationToken);

    public async IAsyncEnumerable<DeliveryRecord> ListForRecipientAsync(string recipientId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var attempts = new Dictionary<string, AttemptRow?>();
        await foreach (var row in _table.QueryAsync<TableEntity>(ClaimsOf(recipientId), cancellationToken: cancellationToken))
        {
            var storyId = row.PartitionKey[..row.PartitionKey.LastIndexOf('|')];
            var attempt = await AttemptAsync(storyId, row.GetString("Attempt") ?? "", attempts, cancellationToken);
            yield return new DeliveryRecord(storyId, attempt?.Status ?? Failed, row.GetDateTimeOffset("ClaimedAt"));
        }
    }

    public async Task<int> ForgetRecipientAsync(string recipientId, CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(ClaimsOf(recipientId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            count++;
        }
        return count;
    }

    /// <summary>What the ledger says about one recipient, and the attempt that holds them.</summary>
    private async Task<(DeliveryClaim Claim, string Owner)> ClaimOneAsync(
        string storyId, string recipientId, string attemptId, DateTimeOffset now, Dictionary<string, AttemptRow?> attempts, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 4; round++)
        {
            try
            {
                await _table.AddEntityAsync(Claim(storyId, recipientId, attemptId, now), cancellationToken);
                return (DeliveryClaim.Claimed, attemptId);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition(storyId, recipientId), recipientId, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue;
            }
            var owner = existing.Value!.GetString("Attempt") ?? "";
            if (owner == attemptId)
            {
                return (DeliveryClaim.Claimed, attemptId);
            }
            var attempt = await AttemptAsync(storyId, owner, attempts, cancellationToken);
            var fresh = attempt is not null && now - attempt.UpdatedAt < IDeliveryLedger.Lease;
            switch (attempt?.Status)
            {
                case Sent:
                    return (DeliveryClaim.AlreadySent, owner);
                case Sending:
                    return (fresh ? DeliveryClaim.Busy : DeliveryClaim.Uncertain, owner);
                case Prepared when fresh:
                    return (DeliveryClaim.Busy, owner);
                case Prepared:
                    // Its worker died before sending. Fence it (prepared → failed by ETag) so it can never start sending.
                    if (!await FenceAsync(storyId, owner, attempt!.ETag, cancellationToken))
                    {
                        attempts.Remove(owner);
                        continue;
                    }
                    attempts[owner] = attempt with { Status = Failed };
                    break;
            }
            // Failed (or vanished) attempt: take the claim over; the ETag makes sure only one worker wins it.
            try
            {
                await _table.UpdateEntityAsync(Claim(storyId, recipientId, attemptId, now), existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return (DeliveryClaim.Claimed, attemptId);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
                attempts.Remove(owner);
            }
        }
        return (DeliveryClaim.Busy, "");
    }

    private async Task<bool> FenceAsync(string storyId, string attemptId, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(
                new TableEntity(storyId, AttemptPrefix + attemptId) { ["Status"] = Failed, ["Reason"] = "fenced: no progress within the lease", ["UpdatedAt"] = clock.GetUtcNow() },
                etag,
                TableUpdateMode.Merge,
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task<AttemptRow?> AttemptAsync(string storyId, string attemptId, Dictionary<string, AttemptRow?> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(attemptId, out var known))
        {
            return known;
        }
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(storyId, AttemptPrefix + attemptId, cancellationToken: cancellationToken);
        var row = response.HasValue
            ? new AttemptRow(response.Value!.GetString("Status") ?? Failed, response.Value.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, response.Value.ETag)
            : null;
        cache[attemptId] = row;
        return row;
    }

    private Task SetStatusAsync(DeliveryAttempt attempt, string status, string? reason, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(
            new TableEntity(attempt.StoryId, AttemptPrefix + attempt.AttemptId) { ["Status"] = status, ["Reason"] = reason, ["UpdatedAt"] = clock.GetUtcNow() },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    private static TableEntity Claim(string storyId, string recipientId, string attemptId, DateTimeOffset now) =>
        new(ClaimPartition(storyId, recipientId), recipientId) { ["Attempt"] = attemptId, ["ClaimedAt"] = now };

    /// <summary><c>story|xx</c>: the recipient id's first two hex digits, as the subscribers table partitions them.</summary>
    private static string ClaimPartition(string storyId, string recipientId) => $"{storyId}|{recipientId[..Math.Min(2, recipientId.Length)]}";

    /// <summary>A recipient's claims: their row key, in a claim partition (attempt rows are <c>attempt|…</c>).</summary>
    private static string ClaimsOf(string recipientId) => TableClient.CreateQueryFilter($"RowKey eq {recipientId}");

    private sealed record AttemptRow(string Status, DateTimeOffset UpdatedAt, ETag ETag);
}
