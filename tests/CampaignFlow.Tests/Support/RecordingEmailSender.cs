using System.Collections.Concurrent;
using CampaignFlow.Delivery;

namespace CampaignFlow.Tests.Support;

/// <summary>Keeps every message it is asked to send, for unit tests of the use cases.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken = default) => throw new NotSupportedException("no batches in these tests");
}
