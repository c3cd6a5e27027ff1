using System.Globalization;
using System.Net;
using System.Text;
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
    AlertComposer links,
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
        var email = Compose(key, batch, attempt.AttemptId, items, language, recipients.Where(r => claimed.Contains(r.Id)).ToList(), now);
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

    private EmailBatch Compose(string key, int batch, string attemptId, List<ClassifiedStory> items, string language, List<Subscriber> recipients, DateTimeOffset now)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var story = item.Story;
            var title = EmailTemplate.OneLine(story.Title);
            var date = story.Published?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "";
            var link = Uri.TryCreate(story.Link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;
            html.Append("<h2 style=\"font-size:18px\">")
                .Append(link is null ? WebUtility.HtmlEncode(title) : $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(title)}</a>")
                .Append("</h2><p style=\"color:#555\">").Append(WebUtility.HtmlEncode($"{date} · {EmailTemplate.OneLine(story.Feed)}"))
                .Append("</p><p>").Append(WebUtility.HtmlEncode(EmailTemplate.OneLine(story.Summary))).Append("</p>\n");
            text.AppendLine(title).AppendLine($"{date} · {EmailTemplate.OneLine(story.Feed)}").AppendLine(EmailTemplate.OneLine(story.Summary));
            if (link is not null)
            {
                text.AppendLine(link);
            }
            text.AppendLine();
        }
        var (subject, body, plain) = EmailTemplate.Load("digest", language).Render(
            new Dictionary<string, string?> { ["date"] = now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), ["count"] = items.Count.ToString(CultureInfo.InvariantCulture) },
            Neutralise(html.ToString()),
            Neutralise(text.ToString()));
        return new EmailBatch
        {
            Subject = subject,
            Html = body,
            Text = plain,
            Headers = new Dictionary<string, string> { ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            Categories = [Category],
            CustomArgs = new Dictionary<string, string> { ["digest"] = key, ["batch"] = batch.ToString(CultureInfo.InvariantCulture), ["delivery_attempt"] = attemptId },
            Recipients = recipients.Select(r => links.Recipient(r, key)).ToList(),
        };
    }

    private static string Neutralise(string value) =>
        value.Replace(AlertComposer.UnsubscribeTag, "unsubscribe_url", StringComparison.OrdinalIgnoreCase).Replace(AlertComposer.PreferencesTag, "preferences_url", StringComparison.OrdinalIgnoreCase);
}
