using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Pipeline;

/// <summary>
/// Runs one queue message through a stage, inside a log scope carrying the message's story id (or digest key), so every
/// log line and exception of the stage can be followed per story. A message that can never succeed (unreadable, wrong
/// version, unknown story, a permanent refusal by the email provider) goes straight to the poison queue with its reason;
/// a message that must wait (<see cref="DeferredMessageException"/>) is put back with a visibility delay and the
/// original completed — if the host dies between the two, the copy and the original both exist, which the delivery
/// ledger makes harmless. Any other failure is transient: the message goes back with a growing delay
/// (<see cref="RetryOptions"/>), its retry count in the body, and is poisoned only after a wait at the ceiling failed
/// too. Should storage refuse even that, the failure is rethrown to the queue's own retry (host.json).
/// </summary>
public sealed class StageRunner(IMessageQueue queue, TimeProvider clock, ILogger<StageRunner> logger, IOptions<RetryOptions>? retry = null)
{
    private readonly RetryOptions _retry = retry?.Value ?? new RetryOptions();

    /// <summary>The body's property that counts transient failures so far (absent: none).</summary>
    public const string RetryProperty = "retry";

    public async Task RunAsync<T>(string queueName, string body, Func<T, CancellationToken, Task> stage, CancellationToken cancellationToken = default)
        where T : class
    {
        var node = Parse(body);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["StoryId"] = Text(node, "storyId") ?? Text(node, "digest"),
            ["Queue"] = queueName,
        });
        try
        {
            await stage(MessageSerializer.Deserialize<T>(body), cancellationToken);
        }
        catch (InvalidMessageException ex)
        {
            logger.LogError(ex, "Message on {Queue} rejected to {PoisonQueue}: {Reason}", queueName, queueName + "-poison", ex.Message);
            await queue.SendAsync(queueName + "-poison", new DeadLetter(queueName, ex.Message, body, clock.GetUtcNow()), cancellationToken);
        }
        catch (DeferredMessageException ex)
        {
            logger.LogWarning("Message on {Queue} deferred for {Delay}: {Reason}", queueName, ex.Delay, ex.Message);
            await queue.DeferAsync(queueName, body, ex.Delay, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && node is not null)
        {
            await BackOffAsync(queueName, body, node, ex, cancellationToken);
        }
    }

    private async Task BackOffAsync(string queueName, string body, JsonObject node, Exception failure, CancellationToken cancellationToken)
    {
        var retries = node[RetryProperty] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        var delay = _retry.DelayBefore(retries);
        try
        {
            if (delay is null)
            {
                var reason = $"failed {retries + 1} times, the last wait at the ceiling of {_retry.MaxDelay}: {failure.Message}";
                logger.LogError(failure, "Message on {Queue} poisoned after {Retries} retries: {Reason}", queueName, retries, failure.Message);
                await queue.SendAsync(queueName + "-poison", new DeadLetter(queueName, reason, body, clock.GetUtcNow()), cancellationToken);
                return;
            }
            node[RetryProperty] = retries + 1;
            logger.LogWarning(failure, "Message on {Queue} failed ({Reason}); retry {Retry} in {Delay}", queueName, failure.Message, retries + 1, delay.Value);
            await queue.DeferAsync(queueName, node.ToJsonString(), delay.Value, cancellationToken);
        }
        catch (Exception putBack) when (putBack is not OperationCanceledException)
        {
            logger.LogError(putBack, "Message on {Queue} could not be put back; the queue's own retry applies", queueName);
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
