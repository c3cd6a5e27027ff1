using System.Collections.Concurrent;
using Azure.Storage.Queues;
using CampaignFlow.Pipeline;

namespace CampaignFlow.Azure.Storage;

/// <summary>Sends versioned JSON to Storage queues; the client encodes base64 as the Functions queue extension expects.</summary>
public sealed class StorageQueue(QueueServiceClient queues) : IMessageQueue
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, QueueClient> _clients = new();

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken = default) =>
        _clients.GetOrAdd(queueName, queues.GetQueueClient).SendMessageAsync(MessageSerializer.Serialize(message), cancellationToken);

    public Task DeferAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken = default) =>
        _clients.GetOrAdd(queueName, queues.GetQueueClient).SendMessageAsync(
            body,
            visibilityTimeout: delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibility ? MaxVisibility : delay,
            cancellationToken: cancellationToken);
}
