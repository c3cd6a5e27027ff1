namespace CampaignFlow.Delivery;

/// <summary>Sends email. Throws <see cref="EmailDeliveryException"/> when the provider refuses it.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends a batch as one provider request (one personalization per recipient); all or nothing.</summary>
    Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default);
}
