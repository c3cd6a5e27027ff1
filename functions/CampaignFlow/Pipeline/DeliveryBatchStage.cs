using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Pipeline;

/// <summary>
/// The DeliverBatch stage: sends one batch as one provider request, exactly once per recipient through the
/// <see cref="IDeliveryLedger"/> protocol. Paused sending, a 429 and recipients held by another attempt defer the
/// message; a permanent refusal poisons it with the reason; 5xx and timeouts go back to the queue's retry.
/// </summary>
public sealed class DeliveryBatchStage(
    IStoryLedger stories,
    ISubscriberStore subscribers,
    IDeliveryLedger deliveries,
    AlertComposer composer,
    IEmailSender sender,
    SendingGate gate,
    IPipelineTelemetry telemetry,
    ILogger<DeliveryBatchStage> logger) : IPipelineStage<DeliveryBatchMessage, int>
{
    /// <summary>How long a batch whose recipients another attempt holds waits before looking again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromMinutes(1);

    public async Task<int> HandleAsync(DeliveryBatchMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Recipients.Count > AlertFanOutStage.BatchSize)
        {
            throw new InvalidMessageException($"batch {message.Batch} of story {message.StoryId} has {message.Recipients.Count} recipients; at most {AlertFanOutStage.BatchSize}");
        }
        if (await gate.PausedReasonAsync(cancellationToken) is { } paused)
        {
            telemetry.Track(PipelineEvents.SendingPaused, message.StoryId, new Dictionary<string, object?> { ["reason"] = paused, ["batch"] = message.Batch });
            throw new DeferredMessageException($"sending is paused ({paused})", SendingOptions.PausedRetryDelay);
        }
        var classified = await stories.GetClassifiedAsync(message.StoryId, cancellationToken)
            ?? throw new InvalidMessageException($"story {message.StoryId} has no verdict in the ledger");

        // Someone who left since the fan-out is not claimed, so a later change of heart cannot be blocked by this batch.
        var active = (await subscribers.GetManyAsync(message.Recipients, cancellationToken)).Where(s => s.Status == SubscriberStatus.Active).ToList();
        if (active.Count == 0)
        {
            return 0;
        }
        var attempt = await deliveries.BeginAsync(message.StoryId, message.Batch, active.Select(s => s.Id).ToList(), cancellationToken);
        if (attempt.Uncertain.Count > 0)
        {
            var attempts = string.Join(",", attempt.UncertainAttempts);
            logger.LogWarning(
                "Batch {Batch} of {StoryId}: {Count} recipients belong to delivery attempt {Attempts}, which died mid-request; not sent again. SendGrid's activity for custom arg delivery_attempt shows whether it went out",
                message.Batch, message.StoryId, attempt.Uncertain.Count, attempts);
            telemetry.Track(PipelineEvents.BatchUncertain, message.StoryId, new Dictionary<string, object?> { ["batch"] = message.Batch, ["count"] = attempt.Uncertain.Count, ["attempts"] = attempts });
        }
        var sent = attempt.Claimed.Count == 0 ? 0 : await SendAsync(message, classified, active, attempt, cancellationToken);
        if (attempt.Claimed.Count == 0)
        {
            await deliveries.AbandonAsync(attempt, cancellationToken);
        }
        if (attempt.Busy.Count > 0)
        {
            throw new DeferredMessageException($"{attempt.Busy.Count} recipients are held by another attempt", BusyRetryDelay);
        }
        return sent;
    }

    private async Task<int> SendAsync(DeliveryBatchMessage message, ClassifiedStory classified, List<Subscriber> active, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var claimed = attempt.Claimed.ToHashSet(StringComparer.Ordinal);
        // Composed before the fence, so nothing that can fail lies between marking the attempt sending and sending.
        EmailBatch? email = await composer.ComposeBatchAsync(classified, message.Language, active.Where(s => claimed.Contains(s.Id)).ToList(), attempt.AttemptId, message.Batch, cancellationToken);
        if (!await deliveries.MarkSendingAsync(attempt, cancellationToken))
        {
            throw new DeferredMessageException("the attempt was fenced off by another worker before sending", BusyRetryDelay);
        }
        try
        {
            var sending = sender.SendBatchAsync(email, cancellationToken);
            // The request holds its own serialized copy; let the batch go while it is in flight (up to 16 batches at once).
            email = null;
            await sending;
        }
        catch (EmailDeliveryException ex)
        {
            // The provider answered (or never got the request): nothing was accepted, so the claims may be retried.
            await deliveries.MarkFailedAsync(attempt, ex.Message, CancellationToken.None);
            telemetry.Track(PipelineEvents.BatchFailed, message.StoryId, new Dictionary<string, object?>
            {
                ["batch"] = message.Batch,
                ["count"] = claimed.Count,
                ["permanent"] = ex.Permanent,
                ["success"] = false,
            });
            if (ex.Permanent)
            {
                throw new InvalidMessageException($"the email provider refused batch {message.Batch} of story {message.StoryId} permanently: {ex.Message}", ex);
            }
            if (ex.RetryAfter is { } wait)
            {
                throw new DeferredMessageException($"rate limited: {ex.Message}", wait);
            }
            throw;
        }
        await deliveries.MarkSentAsync(attempt, CancellationToken.None);
        telemetry.Track(PipelineEvents.EmailSent, message.StoryId, new Dictionary<string, object?> { ["batch"] = message.Batch, ["count"] = claimed.Count });
        return claimed.Count;
    }
}
