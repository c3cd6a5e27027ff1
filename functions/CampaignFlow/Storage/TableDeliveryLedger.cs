using Azure;
using Azure.Data.Tables;
using CampaignFlow.Delivery;

namespace CampaignFlow.Storage;

/// <summary>The delivery ledger in Table Storage: partition = story, row = recipient id; optimistic concurrency by ETag.</summary>
public sealed class TableDeliveryLedger(TableServiceClient tables, TimeProvider clock) : IDeliveryLedger
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const string Claimed = "claimed";
    private const string Sent = "sent";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    public async Task<DeliveryClaim> TryClaimAsync(string storyId, string recipientId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var claim = new TableEntity(storyId, recipientId) { ["Status"] = Claimed, ["ClaimedAt"] = now };
        try
        {
            await _table.AddEntityAsync(claim, cancellationToken);
            return DeliveryClaim.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
        var existing = (await _table.GetEntityAsync<TableEntity>(storyId, recipientId, cancellationToken: cancellationToken)).Value;
        if (existing.GetString("Status") == Sent)
        {
            return DeliveryClaim.AlreadySent;
        }
        if (existing.GetDateTimeOffset("ClaimedAt") is { } claimedAt && now - claimedAt < Lease)
        {
            return DeliveryClaim.Busy;
        }
        try
        {
            // Take over a stale claim; the ETag makes sure only one worker wins it.
            await _table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return DeliveryClaim.Claimed;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return DeliveryClaim.Busy;
        }
    }

    public Task MarkSentAsync(string storyId, string recipientId, CancellationToken cancellationToken = default) =>
        _table.UpsertEntityAsync(
            new TableEntity(storyId, recipientId) { ["Status"] = Sent, ["SentAt"] = clock.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);

    public Task ReleaseAsync(string storyId, string recipientId, CancellationToken cancellationToken = default) =>
        _table.DeleteEntityAsync(storyId, recipientId, ETag.All, cancellationToken);
}
