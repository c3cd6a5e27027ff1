namespace CampaignFlow.Pipeline;

/// <summary>Puts a message on a stage's queue.</summary>
public interface IMessageQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken = default);
}
