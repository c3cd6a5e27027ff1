using System.Security.Cryptography;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Web.Subscriptions;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// A template rendered with realistic sample stories through the composers the app sends with, substitutions applied,
/// as one subscriber would receive it. The links are signed with a throwaway key: they show the shape, not a working link.
/// Topics in the why line carry the labels of the built-in rule set (config/rules.json); the branding is the default
/// one (<see cref="BrandingOptions"/>), the source line the regjeringen.no default name.
/// </summary>
public static class TemplatePreview
{
    private static readonly ClassifiedStory EntryIntoForce = Sample(
        "preview-entry-into-force",
        "Convention on Cluster Munitions enters into force",
        "The Convention on Cluster Munitions becomes binding international law today, six months after the thirtieth state ratified it. Norway calls on every state that has not yet joined the ban to do so.",
        "https://www.regjeringen.no/en/aktuelt/cluster-munitions-convention-in-force/id611297/",
        new DateTimeOffset(2010, 8, 1, 8, 0, 0, TimeSpan.Zero),
        ["signature-ratification"],
        ["europe"]);

    private static readonly ClassifiedStory VientianeOpens = Sample(
        "preview-vientiane-opens",
        "First Meeting of States Parties to the Convention on Cluster Munitions opens in Vientiane",
        "Lao PDR, the country most contaminated by cluster munition remnants, hosts the first meeting of the states that have joined the ban, from 9 to 12 November.",
        "https://www.regjeringen.no/en/aktuelt/vientiane-meeting-opens/id624051/",
        new DateTimeOffset(2010, 11, 9, 8, 0, 0, TimeSpan.Zero),
        ["diplomatic-conference"],
        ["asia"]);

    private static readonly ClassifiedStory VientianeActionPlan = Sample(
        "preview-vientiane-action-plan",
        "States Parties adopt the Vientiane Declaration & Action Plan",
        "The Action Plan sets out what states must do in the next five years on stockpile destruction, clearance of contaminated land & assistance to victims.",
        "https://www.regjeringen.no/en/aktuelt/vientiane-action-plan/id624515/",
        new DateTimeOffset(2010, 11, 12, 16, 0, 0, TimeSpan.Zero),
        ["diplomatic-conference", "victim-assistance"],
        ["asia"]);

    public static async Task<EmailMessage> RenderAsync(string name, string language, IEmailTemplateProvider templates, CancellationToken cancellationToken = default)
    {
        var email = new EmailOptions();
        var tokens = new TokenService(Options.Create(new TokenOptions { SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) }), TimeProvider.System);
        var composer = new AlertComposer(Options.Create(email), tokens, templates, StaticRuleSetProvider.Default());
        var reader = Subscriber.Create("reader@example.org") with { Name = "Sample Reader", Language = language, Status = SubscriberStatus.Active };
        switch (name)
        {
            case "alert":
                var alert = await composer.ComposeBatchAsync(EntryIntoForce, language, [reader], "preview", 1, cancellationToken);
                return alert.Render(alert.Recipients[0]);
            case "digest":
                var day = new DateTimeOffset(2010, 11, 13, 7, 0, 0, TimeSpan.Zero);
                var digest = await new DigestComposer(composer, templates).ComposeAsync("digest-20101113", 1, "preview", [VientianeActionPlan, VientianeOpens], language, [reader], day, cancellationToken);
                return digest.Render(digest.Recipients[0]);
            case "confirm":
                var token = tokens.Create(ConfirmationLinks.Purpose, reader.Id, ConfirmationLinks.Lifetime);
                return await composer.ComposeConfirmationAsync(reader.Email, reader.Id, language, $"{email.PublicBaseUrl}/api/confirm?token={Uri.EscapeDataString(token)}", cancellationToken);
            case "welcome":
                return await composer.ComposeWelcomeAsync(reader, cancellationToken);
            case "already":
                return await composer.ComposeAlreadySubscribedAsync(reader, language, cancellationToken);
            case "links":
                return await composer.ComposeFreshLinksAsync(reader, cancellationToken);
            default:
                throw new ArgumentException($"no template {name}: known are {string.Join(", ", TemplateCatalog.Names)}", nameof(name));
        }
    }

    private static ClassifiedStory Sample(string id, string title, string summary, string link, DateTimeOffset published, string[] topics, string[] regions) => new(
        new Story { Id = id, Feed = "regjeringen-en", Language = "en", Title = title, Summary = summary, Link = link, Published = published },
        new StoryVerdict
        {
            Relevant = true,
            Score = 0.93,
            Decision = ClassificationDecision.Send,
            Topics = topics,
            Regions = regions,
            Evidence = [new TermMatch("Convention on Cluster Munitions", 0, 6), new TermMatch("cluster munition remnants", 12, 3, "context")],
            RuleSetVersion = "preview",
        });
}
