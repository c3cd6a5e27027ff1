namespace CampaignFlow.Delivery;

/// <summary>Sends one email. Throws <see cref="EmailDeliveryException"/> when the provider refuses it.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
