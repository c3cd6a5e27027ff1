using System.Globalization;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Telemetry;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Delivery;

/// <summary>
/// The daily digest: the last day's alerted stories, per digest subscriber those matching their topics and regions,
/// in their language, one mail each. Subscribers who get the same stories in the same language share one SendGrid
/// request (≤ 1,000 personalizations); the ledger partition <c>digest-YYYYMMDD</c> gives the same exactly-once
/// guarantees as alerts, so running it twice on one day sends nothing new.
/// </summary>
public sealed class DigestSender(
    IStoryLedger stories,
    ISubscriberStore subscribers,
    IDeliveryLedger deliveries,
    DigestComposer composer,
    IEmailSender sender,
    SendingGate gate,
    TimeProvider clock,
    IPipelineTelemetry telemetry,
    ILogger<DigestSender> logger)
{
    public const string Category = "digest";

    /// <summary>Sends today's digests; returns how many mails went out now.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var key = "digest-" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (await gate.PausedReasonAsync(cancellationToken) is { } paused)
        {
            logger.LogWarning("Digest {Digest} not sent: sending is paused ({Reason})", key, paused);
            telemetry.Track(PipelineEvents.SendingPaused, null, new Dictionary<string, object?> { ["reason"] = paused, ["digest"] = key });
            return 0;
        }
        var day = new List<ClassifiedStory>();
        await foreach (var story in stories.ListRelevantSinceAsync(now.AddDays(-1), cancellationToken))
        {
            day.Add(story);
        }
        day = day.OrderByDescending(s => s.Story.Published ?? s.Story.FirstSeen).ToList();
        var groups = new Dictionary<string, (List<ClassifiedStory> Stories, string Language, List<Subscriber> Recipients)>();
        int sent = 0, batch = 0;
        await foreach (var subscriber in subscribers.ListActiveAsync(cancellationToken))
        {
            var matching = day.Where(s => subscriber.WantsInDigest(s.Verdict.Topics, s.Verdict.Regions)).ToList();
            if (matching.Count == 0)
            {
                continue;
            }
            var language = Languages.Normalize(subscriber.Language);
            var groupKey = language + ":" + string.Join(',', matching.Select(s => s.Story.Id));
            if (!groups.TryGetValue(groupKey, out var group))
            {
                groups[groupKey] = group = (matching, language, []);
            }
            group.Recipients.Add(subscriber);
            if (group.Recipients.Count == 1000)
            {
                sent += await SendGroupAsync(key, ++batch, group.Stories, group.Language, group.Recipients, now, cancellationToken);
                group.Recipients.Clear();
            }
        }
        foreach (var group in groups.Values.Where(g => g.Recipients.Count > 0))
        {
            sent += await SendGroupAsync(key, ++batch, group.Stories, group.Language, group.Recipients, now, cancellationToken);
        }
        logger.LogInformation("Digest {Digest}: {Stories} stories, {Sent} mails in {Batches} batches", key, day.Count, sent, batch);
        return sent;
    }

    private async Task<int> SendGroupAsync(string key, int batch, List<ClassifiedStory> items, string language, List<Subscriber> recipients, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempt = await deliveries.BeginAsync(key, batch, recipients.Select(r => r.Id).ToList(), cancellationToken);
        if (attempt.Claimed.Count == 0)
        {
            await deliveries.AbandonAsync(attempt, cancellationToken);
            return 0;
        }
        var claimed = attempt.Claimed.ToHashSet(StringComparer.Ordinal);
        var email = await composer.ComposeAsync(key, batch, attempt.AttemptId, items, language, recipients.Where(r => claimed.Contains(r.Id)).ToList(), now, cancellationToken);
        if (!await deliveries.MarkSendingAsync(attempt, cancellationToken))
        {
            return 0;
        }
        try
        {
            await sender.SendBatchAsync(email, cancellationToken);
        }
        catch (EmailDeliveryException ex)
        {
            await deliveries.MarkFailedAsync(attempt, ex.Message, CancellationToken.None);
            telemetry.Track(PipelineEvents.BatchFailed, key, new Dictionary<string, object?> { ["batch"] = batch, ["count"] = claimed.Count, ["permanent"] = ex.Permanent, ["success"] = false });
            logger.LogError("Digest {Digest} batch {Batch} failed: {Reason}", key, batch, ex.Message);
            return 0;
        }
        await deliveries.MarkSentAsync(attempt, CancellationToken.None);
        telemetry.Track(PipelineEvents.EmailSent, key, new Dictionary<string, object?> { ["batch"] = batch, ["count"] = claimed.Count });
        return claimed.Count;
    }
}
