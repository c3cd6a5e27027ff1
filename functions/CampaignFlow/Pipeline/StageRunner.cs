using Microsoft.Extensions.Logging;

namespace CampaignFlow.Pipeline;

/// <summary>
/// Runs one queue message through a stage. A message that can never succeed (unreadable, wrong version, unknown
/// story, a permanent refusal by the email provider) goes straight to the poison queue with its reason; a message
/// that must wait (<see cref="DeferredMessageException"/>) is put back with a visibility delay and the original
/// completed — if the host dies between the two, the copy and the original both exist, which the delivery ledger
/// makes harmless; any other failure is rethrown so the queue's retry and poison policy (host.json) applies.
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
        catch (DeferredMessageException ex)
        {
            logger.LogWarning("Message on {Queue} deferred for {Delay}: {Reason}", queueName, ex.Delay, ex.Message);
            await queue.DeferAsync(queueName, body, ex.Delay, cancellationToken);
        }
    }
}
