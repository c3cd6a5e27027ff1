using System.Collections.Concurrent;
using CampaignFlow.Pipeline;

namespace CampaignFlow.Tests.Support;

/// <summary>Passes messages on to the real queue and remembers them (and every deferral) for assertions.</summary>
public sealed class RecordingQueue(IMessageQueue inner) : IMessageQueue
{
    public ConcurrentQueue<(string Queue, object? Message)> Sent { get; } = new();
    public ConcurrentQueue<(string Queue, string Body, TimeSpan Delay)> Deferred { get; } = new();

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((queueName, message));
        return inner.SendAsync(queueName, message, cancellationToken);
    }

    public Task DeferAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Deferred.Enqueue((queueName, body, delay));
        return inner.DeferAsync(queueName, body, delay, cancellationToken);
    }
}
