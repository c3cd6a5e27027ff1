namespace CampaignFlow.Delivery;

/// <summary>
/// One row per story and recipient. A claim is taken before sending and marked sent after; a claim older
/// than the lease is taken over, so the only window for a second copy is a crash between the provider
/// accepting the message and the "sent" write.
/// </summary>
public interface IDeliveryLedger
{
    Task<DeliveryClaim> TryClaimAsync(string storyId, string recipientId, CancellationToken cancellationToken = default);
    Task MarkSentAsync(string storyId, string recipientId, CancellationToken cancellationToken = default);
    Task ReleaseAsync(string storyId, string recipientId, CancellationToken cancellationToken = default);
}
