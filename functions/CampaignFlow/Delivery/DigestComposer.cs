using System.Globalization;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;

namespace CampaignFlow.Delivery;

/// <summary>
/// Builds one daily-digest batch from the digest template of the recipients' language: the template lists the stories
/// with <c>{% for story in stories %}</c> (each value encoded by the engine), each recipient gets their own links by substitution.
/// </summary>
public sealed class DigestComposer(AlertComposer links, IEmailTemplateProvider templates)
{
    /// <summary>The SendGrid category of every digest mail.</summary>
    public const string Category = "digest";

    public async Task<EmailBatch> ComposeAsync(
        string key, int batch, string attemptId, IReadOnlyList<ClassifiedStory> items, string language, IReadOnlyList<Subscriber> recipients, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var stories = items.Select(item => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["title"] = AlertComposer.Neutralise(item.Story.Title),
            ["date"] = item.Story.Published is { } published ? LocalizedText.Date(published, language) : "",
            ["feed"] = AlertComposer.Neutralise(links.FeedName(item.Story.Feed, language)),
            ["language_note"] = LocalizedText.LanguageNote(item.Story.Language, language),
            ["summary"] = AlertComposer.Neutralise(item.Story.Summary),
            ["link"] = AlertComposer.SafeLink(item.Story.Link),
        }).ToList();
        var template = await templates.GetAsync("digest", language, cancellationToken).ConfigureAwait(false);
        var (subject, body, plain) = template.Render(new Dictionary<string, object?>
        {
            ["date"] = LocalizedText.Date(now, language),
            ["count"] = LocalizedText.Stories(items.Count, language),
            ["stories"] = stories,
            ["brand"] = links.Brand,
            [TemplateCatalog.UnsubscribeVariable] = AlertComposer.UnsubscribeTag,
            [TemplateCatalog.PreferencesVariable] = AlertComposer.PreferencesTag,
        });
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
