using System.Globalization;
using CampaignFlow.Delivery;
using CampaignFlow.Operations;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Pipeline;

/// <summary>
/// Sends one batch as one provider request, exactly once per recipient through the <see cref="IDeliveryLedger"/>
/// protocol; what the alert and digest stages share, so they differ only in how the mail is composed. Paused sending,
/// a 429 and recipients held by another attempt defer the message; a permanent refusal poisons it with the reason;
/// 5xx and timeouts are rethrown to the queue's retry.
/// </summary>
public sealed class BatchDelivery(
    ISubscriberStore subscribers,
    IDeliveryLedger deliveries,
    IEmailSender sender,
    SendingGate gate,
    IPipelineTelemetry telemetry,
    ILogger<BatchDelivery> logger,
    IOperationsLog? operations = null)
{
    /// <summary>How long a batch whose recipients another attempt holds waits before looking again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Delivers batch <paramref name="batch"/> of <paramref name="key"/> (the ledger partition: a story id or a digest
    /// key) to those of <paramref name="recipients"/> still active. <paramref name="load"/> runs once sending is allowed
    /// and before anything is claimed (a missing story rejects the message without a claim); the <see cref="BatchComposer"/> it
    /// returns builds the mail for the claimed recipients under the attempt's id. Returns how many recipients were sent now.
    /// </summary>
    public async Task<int> SendAsync(
        string key,
        int batch,
        IReadOnlyList<string> recipients,
        Func<CancellationToken, Task<BatchComposer>> load,
        CancellationToken cancellationToken = default)
    {
        if (recipients.Count > NotifySubscribersStage.BatchSize)
        {
            throw new InvalidMessageException($"batch {batch} of {key} has {recipients.Count} recipients; at most {NotifySubscribersStage.BatchSize}");
        }
        if (await gate.PausedReasonAsync(cancellationToken) is { } paused)
        {
            telemetry.Track(PipelineEvents.SendingPaused, key, new Dictionary<string, object?> { ["reason"] = paused, ["batch"] = batch });
            throw new DeferredMessageException($"sending is paused ({paused})", gate.PausedRetryDelay);
        }
        var compose = await load(cancellationToken);

        // Someone who left since the batch was planned is not claimed, so a later change of heart cannot be blocked by it.
        var active = (await subscribers.GetManyAsync(recipients, cancellationToken)).Where(s => s.Status == SubscriberStatus.Active).ToList();
        if (active.Count == 0)
        {
            return 0;
        }
        var attempt = await deliveries.BeginAsync(key, batch, active.Select(s => s.Id).ToList(), cancellationToken);
        if (attempt.Uncertain.Count > 0)
        {
            var attempts = string.Join(",", attempt.UncertainAttempts);
            logger.LogWarning(
                "Batch {Batch} of {Key}: {Count} recipients belong to delivery attempt {Attempts}, which died mid-request; not sent again. SendGrid's activity for custom arg delivery_attempt shows whether it went out",
                batch, key, attempt.Uncertain.Count, attempts);
            telemetry.Track(PipelineEvents.BatchUncertain, key, new Dictionary<string, object?> { ["batch"] = batch, ["count"] = attempt.Uncertain.Count, ["attempts"] = attempts });
        }
        var sent = attempt.Claimed.Count == 0 ? 0 : await SendClaimedAsync(key, batch, active, attempt, compose, cancellationToken);
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

    private async Task<int> SendClaimedAsync(
        string key,
        int batch,
        List<Subscriber> active,
        DeliveryAttempt attempt,
        BatchComposer compose,
        CancellationToken cancellationToken)
    {
        var claimed = attempt.Claimed.ToHashSet(StringComparer.Ordinal);
        // Composed before the fence, so nothing that can fail lies between marking the attempt sending and sending.
        EmailBatch? email = await compose(active.Where(s => claimed.Contains(s.Id)).ToList(), attempt.AttemptId, cancellationToken);
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
            telemetry.Track(PipelineEvents.BatchFailed, key, new Dictionary<string, object?>
            {
                ["batch"] = batch,
                ["count"] = claimed.Count,
                ["permanent"] = ex.Permanent,
                ["success"] = false,
                // The reason operators alert on; a string so it stays a dimension (not a measurement).
                ["statusCode"] = ex.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none",
            });
            if (ex.Permanent)
            {
                throw new InvalidMessageException($"the email provider refused batch {batch} of {key} permanently: {ex.Message}", ex);
            }
            if (ex.RetryAfter is { } wait)
            {
                throw new DeferredMessageException($"rate limited: {ex.Message}", wait);
            }
            throw;
        }
        await deliveries.MarkSentAsync(attempt, CancellationToken.None);
        telemetry.Track(PipelineEvents.BatchSent, key, new Dictionary<string, object?> { ["batch"] = batch, ["count"] = claimed.Count });
        await RecordSentAsync(key, batch, claimed.Count);
        return claimed.Count;
    }

    /// <summary>For <c>campaignflow status</c>; the batch is sent and recorded whatever becomes of this note.</summary>
    private async Task RecordSentAsync(string key, int batch, int count)
    {
        try
        {
            if (operations is not null)
            {
                await operations.RecordBatchSentAsync(key, batch, count, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not note batch {Batch} of {Key} as the last sent", batch, key);
        }
    }
}
