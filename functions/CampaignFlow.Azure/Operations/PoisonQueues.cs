using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CampaignFlow.Pipeline;
using CampaignFlow.Operations;

namespace CampaignFlow.Azure.Operations;

/// <summary>
/// The operator's poison-queue tools: depths, list, show, replay (the original message goes back on its stage
/// queue, whose stages are idempotent) and discard.
/// </summary>
public sealed class PoisonQueues(QueueServiceClient queues)
{
    public async Task<IReadOnlyList<QueueDepth>> DepthsAsync(CancellationToken cancellationToken = default)
    {
        var depths = new List<QueueDepth>();
        foreach (var name in QueueNames.All)
        {
            depths.Add(new QueueDepth(name, await CountAsync(name, cancellationToken), await CountAsync(name + "-poison", cancellationToken)));
        }
        return depths;
    }

    public async Task<IReadOnlyList<PoisonMessage>> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var client = Poison(queue);
        var peeked = await client.PeekMessagesAsync(32, cancellationToken);
        return peeked.Value.Select(m => Describe(queue, m.MessageId, m.InsertedOn, m.DequeueCount, m.Body.ToString())).ToList();
    }

    public async Task<PoisonMessage?> ShowAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(queue, cancellationToken)).FirstOrDefault(m => m.Id == id);

    /// <summary>Puts the original message back on its queue and removes it from the poison queue.</summary>
    public Task<bool> ReplayAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        TakeAsync(queue, id, async message =>
            await queues.GetQueueClient(queue).SendMessageAsync(Describe(queue, message.MessageId, message.InsertedOn, message.DequeueCount, message.Body.ToString()).Original, cancellationToken),
            cancellationToken);

    public Task<bool> DiscardAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        TakeAsync(queue, id, _ => Task.CompletedTask, cancellationToken);

    private async Task<bool> TakeAsync(string queue, string id, Func<QueueMessage, Task> action, CancellationToken cancellationToken)
    {
        var client = Poison(queue);
        var received = (await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
        var found = false;
        foreach (var message in received)
        {
            if (message.MessageId == id)
            {
                await action(message);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                found = true;
            }
            else
            {
                // Not ours: make it visible again at once.
                await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }
        return found;
    }

    private QueueClient Poison(string queue)
    {
        if (!QueueNames.All.Contains(queue))
        {
            throw new ArgumentException($"unknown queue '{queue}'; the stage queues are {string.Join(", ", QueueNames.All)}", nameof(queue));
        }
        return queues.GetQueueClient(queue + "-poison");
    }

    private async Task<int> CountAsync(string name, CancellationToken cancellationToken)
    {
        var client = queues.GetQueueClient(name);
        return await client.ExistsAsync(cancellationToken) ? (await client.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount : 0;
    }

    /// <summary>A dead letter written by the app carries the original and the reason; a message the host moved is the original itself.</summary>
    private static PoisonMessage Describe(string queue, string id, DateTimeOffset? insertedOn, long dequeueCount, string body)
    {
        try
        {
            var letter = JsonSerializer.Deserialize<DeadLetter>(body, JsonSerializerOptions.Web);
            if (letter is { Reason: not null, Message: not null })
            {
                return new PoisonMessage(queue, id, insertedOn, dequeueCount, body, letter.Reason, letter.Message);
            }
        }
        catch (JsonException)
        {
        }
        return new PoisonMessage(queue, id, insertedOn, dequeueCount, body, null, body);
    }
}
