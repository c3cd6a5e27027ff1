using Microsoft.Extensions.Logging;

namespace CampaignFlow.Pipeline;

/// <summary>
/// Runs one queue message through a stage. A message that can never succeed (unreadable, wrong version,
/// unknown story) goes straight to the poison queue with its reason; any other failure is rethrown so the
/// queue's retry and poison policy (host.json) applies.
/// </summary>
public sealed class StageRunner(IMessageQueue queue, TimeProvider clock, ILogger<StageRunner> logger)
{
    public async Task RunAsync<T>(string queueName, string body, Func<T, CancellationToken, Task> stage, CancellationToken cancellationToken = default)
        where T : class
    {
        try
        {
            await stage(MessageSerializer.Deserialize<T>(body), cancellationToken);
        }
        catch (InvalidMessageException ex)
        {
            logger.LogError("Message on {Queue} rejected to {PoisonQueue}: {Reason}", queueName, queueName + "-poison", ex.Message);
            await queue.SendAsync(queueName + "-poison", new DeadLetter(queueName, ex.Message, body, clock.GetUtcNow()), cancellationToken);
        }
    }
}
