using System.Text.Json;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Web.Webhooks;

/// <summary>
/// SendGrid's signed Event Webhook: bounces, drops, complaints and unsubscribes suppress the address (idempotent);
/// spam reports feed the automatic sending pause, each counted once by its <c>sg_event_id</c> however often SendGrid
/// (or anyone replaying a captured batch) posts it again. Delivered, bounce, spam report and unsubscribe events that
/// name an alert's story are counted for its trail, each once by its event id.
/// </summary>
public sealed class ProviderEventService(
    SendGridEventVerifier verifier,
    ISubscriberStore store,
    IProviderEventLedger seen,
    IStoryEventFigures figures,
    SendingGate gate,
    IPipelineTelemetry telemetry,
    TimeProvider clock,
    ILogger<ProviderEventService> logger)
{
    /// <summary>SendGrid retries a failed post for up to 72 hours, with the same event ids.</summary>
    public static readonly TimeSpan RememberEventsFor = TimeSpan.FromDays(3);
    private static readonly string[] SuppressingEvents = ["bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe"];

    public async Task<WebhookResult> HandleAsync(string? signature, string? timestamp, byte[] body, CancellationToken cancellationToken = default)
    {
        if (verifier.Check(signature, timestamp, body) is { } refusal)
        {
            logger.LogWarning("SendGrid event webhook refused: {Reason}", refusal);
            return WebhookResult.Unauthorized;
        }
        List<SendGridEvent>? events;
        try
        {
            events = JsonSerializer.Deserialize<List<SendGridEvent>>(body);
        }
        catch (JsonException)
        {
            return WebhookResult.Unreadable;
        }
        int suppressed = 0, spam = 0, replayed = 0;
        foreach (var e in events ?? [])
        {
            if (e?.StoryId is { Length: > 0 and <= 200 } storyId && StoryEventCounts.KindOf(e.Event) is { } kind)
            {
                await figures.RecordAsync(storyId, e.EventId, kind, cancellationToken);
            }
            if (e?.Event is null || !SuppressingEvents.Contains(e.Event) || !EmailAddress.TryNormalize(e.Email, out var address))
            {
                continue;
            }
            if (e.Event == "spamreport")
            {
                var first = e.EventId is null || await seen.FirstSeenAsync(e.EventId, RememberEventsFor, cancellationToken);
                (spam, replayed) = first ? (spam + 1, replayed) : (spam, replayed + 1);
            }
            suppressed += await SuppressAsync(EmailAddress.Key(address), e.Event, cancellationToken) ? 1 : 0;
        }
        await gate.RecordSpamReportsAsync(spam, cancellationToken);
        if (replayed > 0)
        {
            logger.LogWarning("SendGrid event webhook: {Replayed} spam reports already counted (replayed batch) were not counted again", replayed);
        }
        telemetry.Track(PipelineEvents.SendGridEvents, null, new Dictionary<string, object?> { ["events"] = events?.Count ?? 0, ["suppressed"] = suppressed, ["spamreports"] = spam });
        return WebhookResult.Accepted;
    }

    private async Task<bool> SuppressAsync(string id, string reason, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(id, cancellationToken);
        if (subscriber is null || subscriber.Status == SubscriberStatus.Suppressed)
        {
            return false;
        }
        await store.UpsertAsync(subscriber with { Status = SubscriberStatus.Suppressed, StatusReason = reason, StatusChangedAt = clock.GetUtcNow() }, cancellationToken);
        return true;
    }
}
