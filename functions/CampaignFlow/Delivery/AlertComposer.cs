using System.Globalization;
using CampaignFlow.Classification;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Delivery;

/// <summary>
/// Builds the alert email for one story from the staff-editable template of the recipients' language: one batch of
/// up to 1,000 recipients, each with their own unsubscribe and preferences links (SendGrid substitutions) and their
/// own <c>List-Unsubscribe</c> header; and the sign-up confirmation. Every piece of feed text is encoded by
/// <see cref="EmailTemplate"/>; links are only ever http(s); categories and custom args carry ids, never an address.
/// Topics in the why line are named by the active rule set's labels in the recipients' language (by readable ids
/// when no rule set is given, as in template tests).
/// </summary>
public sealed class AlertComposer(
    IOptions<EmailOptions> options,
    TokenService tokens,
    IEmailTemplateProvider templates,
    IRuleSetProvider rules,
    IOptions<BrandingOptions>? branding = null,
    IOptions<FeedOptions>? feeds = null)
{
    public const string UnsubscribePurpose = "unsubscribe";
    public const string PreferencesPurpose = "preferences";
    public const string UnsubscribeTag = "-unsubscribe_url-";
    public const string PreferencesTag = "-preferences_url-";

    /// <summary>Preference links in emails stay valid this long; unsubscribe links never expire.</summary>
    public static readonly TimeSpan PreferencesLifetime = TimeSpan.FromDays(365);

    /// <summary>The email one subscriber receives (the batch of one, rendered).</summary>
    public async Task<EmailMessage> ComposeAsync(ClassifiedStory classified, Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        var batch = await ComposeBatchAsync(classified, subscriber.Language, [subscriber], cancellationToken: cancellationToken).ConfigureAwait(false);
        return batch.Render(batch.Recipients[0]);
    }

    public async Task<EmailBatch> ComposeBatchAsync(
        ClassifiedStory classified, string language, IReadOnlyList<Subscriber> recipients, string? attemptId = null, int batch = 0, CancellationToken cancellationToken = default)
    {
        var (story, verdict) = (classified.Story, classified.Verdict);
        var template = await templates.GetAsync("alert", language, cancellationToken).ConfigureAwait(false);
        await rules.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var taxonomy = rules.Current.Taxonomy;
        var (subject, html, text) = template.Render(new Dictionary<string, object?>
        {
            ["title"] = Neutralise(story.Title),
            ["date"] = story.Published is { } published ? LocalizedText.Date(published, language) : "",
            ["feed"] = Neutralise(FeedName(story.Feed, language)),
            ["language_note"] = LocalizedText.LanguageNote(story.Language, language),
            ["summary"] = Neutralise(story.Summary),
            ["link"] = SafeLink(story.Link),
            ["terms"] = Neutralise(WhyTerms(classified, language, taxonomy)),
            ["brand"] = Brand,
            [TemplateCatalog.UnsubscribeVariable] = UnsubscribeTag,
            [TemplateCatalog.PreferencesVariable] = PreferencesTag,
        });
        var customArgs = new Dictionary<string, string> { ["story_id"] = story.Id, ["rule_version"] = verdict.RuleSetVersion, ["batch"] = batch.ToString(CultureInfo.InvariantCulture) };
        if (attemptId is not null)
        {
            customArgs["delivery_attempt"] = attemptId;
        }
        return new EmailBatch
        {
            Subject = subject,
            Html = html,
            Text = text,
            Headers = new Dictionary<string, string> { ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            Categories = ["alert"],
            CustomArgs = customArgs,
            Recipients = recipients.Select(s => Recipient(s, story.Id)).ToList(),
        };
    }

    /// <summary>The sign-up confirmation: only our own text and the signed link, nothing the visitor typed.</summary>
    public async Task<EmailMessage> ComposeConfirmationAsync(string to, string subscriberId, string language, string confirmUrl, CancellationToken cancellationToken = default)
    {
        var template = await templates.GetAsync("confirm", language, cancellationToken).ConfigureAwait(false);
        var (subject, html, text) = template.Render(new Dictionary<string, object?> { ["link"] = confirmUrl, ["brand"] = Brand });
        return new EmailMessage
        {
            To = to,
            Subject = subject,
            Html = html,
            Text = text,
            Categories = ["confirm"],
            Reference = $"confirm-{subscriberId}-{Guid.NewGuid().ToString("n")[..8]}",
        };
    }

    /// <summary>
    /// The welcome mail after a subscriber confirmed: their own preference centre and unsubscribe links (real links, not
    /// SendGrid tags: it goes to one address), with the one-click <c>List-Unsubscribe</c> headers alerts carry. The
    /// confirmation service sends it once the subscriber is active.
    /// </summary>
    public Task<EmailMessage> ComposeWelcomeAsync(Subscriber subscriber, CancellationToken cancellationToken = default) =>
        ComposeOwnLinksAsync("welcome", subscriber, subscriber.Language, $"welcome-{subscriber.Id}", cancellationToken);

    /// <summary>
    /// The answer to a sign-up for an address that is already subscribed, in <paramref name="language"/> (the one just
    /// chosen on the form): it says so and links to the preference centre, so nothing the visitor asked for is lost
    /// silently and the page need not differ (it reveals nothing about who is subscribed).
    /// </summary>
    public Task<EmailMessage> ComposeAlreadySubscribedAsync(Subscriber subscriber, string language, CancellationToken cancellationToken = default) =>
        ComposeOwnLinksAsync("already", subscriber, language, $"already-{subscriber.Id}-{Guid.NewGuid().ToString("n")[..8]}", cancellationToken);

    /// <summary>The fresh-link fallback behind a broken or expired link: the subscriber's own links again.</summary>
    public Task<EmailMessage> ComposeFreshLinksAsync(Subscriber subscriber, CancellationToken cancellationToken = default) =>
        ComposeOwnLinksAsync("links", subscriber, subscriber.Language, $"links-{subscriber.Id}-{Guid.NewGuid().ToString("n")[..8]}", cancellationToken);

    private async Task<EmailMessage> ComposeOwnLinksAsync(string kind, Subscriber subscriber, string language, string reference, CancellationToken cancellationToken)
    {
        var template = await templates.GetAsync(kind, language, cancellationToken).ConfigureAwait(false);
        var unsubscribe = UnsubscribeUrl(subscriber);
        var (subject, html, text) = template.Render(new Dictionary<string, object?>
        {
            ["brand"] = Brand,
            [TemplateCatalog.UnsubscribeVariable] = unsubscribe,
            [TemplateCatalog.PreferencesVariable] = PreferencesUrl(subscriber),
        });
        return new EmailMessage
        {
            To = subscriber.Email,
            ToName = subscriber.Name is null ? null : EmailTemplate.OneLine(subscriber.Name),
            Subject = subject,
            Html = html,
            Text = text,
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{unsubscribe}>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            Categories = [kind],
            Reference = reference,
        };
    }

    /// <summary>The branding every template reads as <c>brand.*</c>.</summary>
    internal IReadOnlyDictionary<string, object?> Brand => (branding?.Value ?? new BrandingOptions()).ToTemplateValues();

    /// <summary>The feed's name as readers see it (<see cref="FeedDisplayNames"/>).</summary>
    internal string FeedName(string feed, string? language) => FeedDisplayNames.For(feeds?.Value, feed, language);

    public BatchRecipient Recipient(Subscriber subscriber, string reference)
    {
        var unsubscribe = UnsubscribeUrl(subscriber);
        return new BatchRecipient
        {
            To = subscriber.Email,
            ToName = subscriber.Name is null ? null : EmailTemplate.OneLine(subscriber.Name),
            Substitutions = new Dictionary<string, string> { [UnsubscribeTag] = unsubscribe, [PreferencesTag] = PreferencesUrl(subscriber) },
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{unsubscribe}>" },
            Reference = $"{reference}-{subscriber.Id}",
        };
    }

    /// <summary>The subscriber's unsubscribe link, at their current token version (<see cref="SubscriberLinks"/>).</summary>
    public string UnsubscribeUrl(Subscriber subscriber) =>
        $"{BaseUrl}/api/unsubscribe?token={Uri.EscapeDataString(tokens.Create(UnsubscribePurpose, SubscriberLinks.Subject(subscriber)))}";

    /// <summary>The subscriber's preferences link, at their current token version (<see cref="SubscriberLinks"/>).</summary>
    public string PreferencesUrl(Subscriber subscriber) =>
        $"{BaseUrl}/api/preferences?token={Uri.EscapeDataString(tokens.Create(PreferencesPurpose, SubscriberLinks.Subject(subscriber), PreferencesLifetime))}";

    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>
    /// "Why you got this": the strongest matched terms, the topics and the story's regions, in plain words; labels in
    /// <paramref name="language"/>. Plain text: the template escapes it like any other value.
    /// </summary>
    public static string WhyTerms(ClassifiedStory classified, string language, RuleSetTaxonomy taxonomy)
    {
        // Only words the story actually contains (anchors, proximity pairs, context), not the classifier's bonuses.
        var terms = classified.Verdict.Evidence.Where(e => e.Weight > 0 && e.Kind is "anchor" or "proximity" or "context").Select(e => LocalizedText.Quote(EmailTemplate.OneLine(e.Term), language)).Distinct().Take(4).ToList();
        var labels = classified.Verdict.Topics.Select(t => EmailTemplate.OneLine(taxonomy.TopicLabel(t, language))).Distinct();
        var regions = classified.Verdict.Regions.Select(r => EmailTemplate.OneLine(taxonomy.RegionLabel(r, language))).Distinct().ToList();
        var parts = new List<string>();
        if (classified.Verdict.Topics.Count > 0)
        {
            parts.Add(LocalizedText.Topics(labels, language));
        }
        if (regions.Count > 0)
        {
            parts.Add(LocalizedText.Regions(regions, language));
        }
        var why = parts.Count == 0 ? "" : $" ({string.Join(LocalizedText.Semicolon(language), parts)})";
        return (terms.Count == 0 ? LocalizedText.Quote("cluster munitions", language) : string.Join(", ", terms)) + why;
    }

    /// <summary>Feed text must never carry a substitution tag, or SendGrid would put a recipient's link into it.</summary>
    internal static string Neutralise(string value) => SubstitutionTags.Neutralise(value);

    /// <summary>The story's link, http(s) only, with no substitution tag in it (<see cref="SubstitutionTags.SafeLink"/>).</summary>
    internal static string? SafeLink(string? link) => SubstitutionTags.SafeLink(link);
}
