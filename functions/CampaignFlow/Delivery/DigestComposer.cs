using System.Globalization;
using System.Net;
using System.Text;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// Builds one daily-digest batch from the digest template of the recipients' language: the stories block is built here
/// from escaped values (the only markup that enters a template), each recipient gets their own links by substitution.
/// </summary>
public sealed class DigestComposer(AlertComposer links, IEmailTemplateProvider templates)
{
    /// <summary>The SendGrid category of every digest mail.</summary>
    public const string Category = "digest";

    public async Task<EmailBatch> ComposeAsync(
        string key, int batch, string attemptId, IReadOnlyList<ClassifiedStory> items, string language, IReadOnlyList<Subscriber> recipients, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var story = item.Story;
            var title = EmailTemplate.OneLine(story.Title);
            var date = story.Published is { } published ? LocalizedText.Date(published, language) : "";
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
        var template = await templates.GetAsync("digest", language, cancellationToken).ConfigureAwait(false);
        var (subject, body, plain) = template.Render(
            new Dictionary<string, string?> { ["date"] = LocalizedText.Date(now, language), ["count"] = LocalizedText.Stories(items.Count, language) },
            AlertComposer.Neutralise(html.ToString()),
            AlertComposer.Neutralise(text.ToString()));
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
}
