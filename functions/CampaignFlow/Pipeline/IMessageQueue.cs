namespace CampaignFlow.Pipeline;

/// <summary>Puts a message on a stage's queue.</summary>
public interface IMessageQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken = default);

    /// <summary>Puts an already serialized message back, invisible for <paramref name="delay"/> (at most 7 days).</summary>
    Task DeferAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken = default);
}
