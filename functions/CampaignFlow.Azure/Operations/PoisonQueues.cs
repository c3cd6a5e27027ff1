using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CampaignFlow.Pipeline;
using CampaignFlow.Operations;

namespace CampaignFlow.Azure.Operations;

/// <summary>
/// The operator's poison-queue tools: depths, list (every message: a queue shows at most 32 at a time, so the list
/// takes them in pages and makes each visible again), show, replay (the original goes back on its stage queue, whose
/// stages are idempotent, with a fresh back-off) one or all, and discard.
/// </summary>
public sealed class PoisonQueues(QueueServiceClient queues)
{
    private const int Page = 32;

    /// <summary>How long a listed message stays hidden while the rest are paged through.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<QueueDepth>> DepthsAsync(CancellationToken cancellationToken = default)
    {
        var depths = new List<QueueDepth>();
        foreach (var name in QueueNames.All)
        {
            depths.Add(new QueueDepth(name, await CountAsync(name, cancellationToken), await CountAsync(name + "-poison", cancellationToken)));
        }
        return depths;
    }

    /// <summary>Every message in the queue's poison queue, oldest first.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var client = Poison(queue);
        if (!await client.ExistsAsync(cancellationToken))
        {
            return [];
        }
        var held = await ReceiveAllAsync(client, cancellationToken);
        foreach (var message in held)
        {
            await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        return held
            .Select(m => Describe(queue, m.MessageId, m.InsertedOn, m.DequeueCount, m.Body.ToString()))
            .OrderBy(m => m.InsertedOn)
            .ToList();
    }

    public async Task<PoisonMessage?> ShowAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(queue, cancellationToken)).FirstOrDefault(m => m.Id == id);

    /// <summary>Puts the original message back on its queue and removes it from the poison queue.</summary>
    public async Task<bool> ReplayAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        await TakeAsync(queue, m => m.MessageId == id, message => ReplayOneAsync(queue, message, cancellationToken), cancellationToken) > 0;

    /// <summary>Replays every message of the poison queue; returns how many.</summary>
    public Task<int> ReplayAllAsync(string queue, CancellationToken cancellationToken = default) =>
        TakeAsync(queue, _ => true, message => ReplayOneAsync(queue, message, cancellationToken), cancellationToken);

    public async Task<bool> DiscardAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        await TakeAsync(queue, m => m.MessageId == id, _ => Task.CompletedTask, cancellationToken) > 0;

    private Task ReplayOneAsync(string queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var original = Describe(queue, message.MessageId, message.InsertedOn, message.DequeueCount, message.Body.ToString()).Original;
        return queues.GetQueueClient(queue).SendMessageAsync(WithoutRetryCount(original), cancellationToken);
    }

    /// <summary>A replayed message starts its back-off afresh (an operator fixed the cause, or waited out the outage).</summary>
    private static string WithoutRetryCount(string original)
    {
        try
        {
            if (JsonNode.Parse(original) is JsonObject node && node.Remove(StageRunner.RetryProperty))
            {
                return node.ToJsonString();
            }
        }
        catch (JsonException)
        {
        }
        return original;
    }

    private async Task<int> TakeAsync(string queue, Func<QueueMessage, bool> match, Func<QueueMessage, Task> action, CancellationToken cancellationToken)
    {
        var client = Poison(queue);
        if (!await client.ExistsAsync(cancellationToken))
        {
            return 0;
        }
        var taken = 0;
        foreach (var message in await ReceiveAllAsync(client, cancellationToken))
        {
            if (match(message))
            {
                await action(message);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                taken++;
            }
            else
            {
                // Not ours: make it visible again at once.
                await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }
        return taken;
    }

    /// <summary>Takes pages of 32 until the queue shows no more; each message stays hidden (and held by its receipt) meanwhile.</summary>
    private static async Task<List<QueueMessage>> ReceiveAllAsync(QueueClient client, CancellationToken cancellationToken)
    {
        var held = new List<QueueMessage>();
        while ((await client.ReceiveMessagesAsync(Page, Hold, cancellationToken)).Value is { Length: > 0 } page)
        {
            held.AddRange(page);
        }
        return held;
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
