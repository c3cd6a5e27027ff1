namespace CampaignFlow.Delivery;

/// <summary>What the delivery ledger says about one story: every batch attempt (the staff console's story trail).</summary>
public interface IDeliveryReport
{
    IAsyncEnumerable<BatchRecord> ListBatchesAsync(string storyId, CancellationToken cancellationToken = default);
}
