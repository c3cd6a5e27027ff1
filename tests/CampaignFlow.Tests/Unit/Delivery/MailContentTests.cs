using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Classification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignFlow.Tests.Unit.Delivery;

/// <summary>What the mails say (#16, items 7 and 8): the source's name, the story's language, the region, who is speaking, the welcome.</summary>
public sealed class MailContentTests
{
    private static readonly TokenService Tokens = new(Options.Create(new TokenOptions { SigningKey = new string('k', 40) }), TimeProvider.System);
    private static readonly EmailOptions Sender = new() { PublicBaseUrl = "https://alerts.example.org" };

    private static readonly BrandingOptions Brand = new()
    {
        OrganisationName = "Coalition Test",
        LogoUrl = "https://cdn.example.org/logo.png",
        PrimaryColor = "#123456",
        BackgroundColor = "#F0F0F0",
        PostalAddress = "1 Test Street, 0001 Oslo, Norway",
        ContactUrl = "mailto:contact@example.org",
    };

    private static AlertComposer Composer(BrandingOptions? brand = null, params FeedSource[] feeds) => new(
        Options.Create(Sender), Tokens, StaticEmailTemplateProvider.Default(), new StaticRuleSetProvider(TestRules.Default),
        Options.Create(brand ?? new BrandingOptions()), Options.Create(new FeedOptions { Sources = [.. feeds] }));

    private static Subscriber Reader(string language) => Subscriber.Create($"reader-{language}@example.org") with { Language = language, Status = SubscriberStatus.Active };

    private static ClassifiedStory Story(string feed = "mfa", string? language = "en", string[]? regions = null) => new(
        new Story { Id = "s1", Feed = feed, Language = language, Title = "Convention on Cluster Munitions enters into force", Summary = "Binding law today.", Link = "https://www.regjeringen.no/en/id1/", Published = new DateTimeOffset(2010, 8, 1, 8, 0, 0, TimeSpan.Zero) },
        new StoryVerdict
        {
            Relevant = true,
            Score = 1,
            Decision = ClassificationDecision.Send,
            Topics = ["signature-ratification"],
            Regions = regions ?? [],
            Evidence = [new TermMatch("Convention on Cluster Munitions", 0, 6)],
            RuleSetVersion = "1",
        });

    private static async Task<IReadOnlyList<EmailMessage>> EveryKindAsync(AlertComposer composer, string language)
    {
        var reader = Reader(language);
        var digest = await new DigestComposer(composer, StaticEmailTemplateProvider.Default()).ComposeAsync("digest-1", 1, "a1", [Story()], language, [reader], DateTimeOffset.UnixEpoch);
        return
        [
            await composer.ComposeAsync(Story(), reader),
            digest.Render(digest.Recipients[0]),
            await composer.ComposeConfirmationAsync(reader.Email, reader.Id, language, "https://alerts.example.org/api/confirm?token=t"),
            await composer.ComposeWelcomeAsync(reader),
        ];
    }

    [Fact]
    public async Task SourceLineShowsTheFeedsDisplayNameNotItsInternalId()
    {
        var composer = Composer(feeds: new FeedSource { Name = "mfa", Url = "https://example.org/rss", DisplayName = "Ministry of Examples" });

        var email = await composer.ComposeAsync(Story(), Reader("en"));

        Assert.Contains("Ministry of Examples", email.Html);
        Assert.Contains("Ministry of Examples", email.Text);
        Assert.DoesNotContain("mfa", email.Text);
    }

    [Theory]
    [InlineData("en", "Norwegian Ministry of Foreign Affairs")]
    [InlineData("no", "Utenriksdepartementet")]
    [InlineData("fr", "ministère des Affaires étrangères de Norvège")]
    public async Task ARegjeringenFeedWithoutDisplayNameIsNamedAfterTheMinistryInTheReadersLanguage(string language, string expected)
    {
        var composer = Composer(feeds: new FeedSource { Name = "regjeringen-en", Url = "https://www.regjeringen.no/en/rss/Rss/2581966/" });

        var email = await composer.ComposeAsync(Story("regjeringen-en"), Reader(language));

        Assert.Contains(expected, email.Text);
        Assert.DoesNotContain("regjeringen-en", email.Text);
    }

    [Theory]
    [InlineData("fr", "en", "(en anglais)")]
    [InlineData("en", "no", "(in Norwegian)")]
    [InlineData("no", "en", "(på engelsk)")]
    [InlineData("es", "en", "(en inglés)")]
    public async Task SaysSoWhenAStoryIsInAnotherLanguageThanTheReaders(string reader, string story, string note)
    {
        var alert = await Composer().ComposeAsync(Story(language: story), Reader(reader));
        var digest = await new DigestComposer(Composer(), StaticEmailTemplateProvider.Default()).ComposeAsync("d", 1, "a", [Story(language: story)], reader, [Reader(reader)], DateTimeOffset.UnixEpoch);

        Assert.Contains(note, alert.Html);
        Assert.Contains(note, alert.Text);
        Assert.Contains(note, digest.Html);
        Assert.Contains(note, digest.Text);
    }

    [Fact]
    public async Task SaysNothingAboutLanguageWhenTheStoryIsInTheReadersOwn()
    {
        var email = await Composer().ComposeAsync(Story(language: "en"), Reader("en"));

        Assert.DoesNotContain("(in ", email.Text);
        Assert.DoesNotContain("(in ", email.Html);
    }

    [Fact]
    public async Task WhyLineNamesTheRegionTheStoryMatched()
    {
        var label = TestRules.Default.Taxonomy.RegionLabel("asia", "en");

        var email = await Composer().ComposeAsync(Story(regions: ["asia"]), Reader("en"));
        var without = await Composer().ComposeAsync(Story(), Reader("en"));

        Assert.Contains($"; region: {label})", email.Text);
        Assert.DoesNotContain("region:", without.Text);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("no")]
    [InlineData("fr")]
    [InlineData("es")]
    public async Task EveryMailOfEveryLanguageCarriesTheBranding(string language)
    {
        foreach (var email in await EveryKindAsync(Composer(Brand), language))
        {
            Assert.Contains("Coalition Test", email.Html);
            Assert.Contains("1 Test Street, 0001 Oslo, Norway", email.Html);
            Assert.Contains("1 Test Street, 0001 Oslo, Norway", email.Text);
            Assert.Contains("#123456", email.Html);
            Assert.Contains("background:#F0F0F0", email.Html);
            Assert.Contains("<img src=\"https://cdn.example.org/logo.png\" alt=\"Coalition Test\"", email.Html);
            Assert.Contains("href=\"mailto:contact@example.org\"", email.Html);
            Assert.DoesNotContain("Cluster Munition Coalition", email.Html);
        }
    }

    [Theory]
    [InlineData("en", "one click")]
    [InlineData("no", "ett klikk")]
    [InlineData("fr", "un clic")]
    [InlineData("es", "un clic")]
    public async Task TheUnsubscribeLinkPromisesNoOneClickItDoesNotKeep(string language, string claim)
    {
        foreach (var email in await EveryKindAsync(Composer(), language))
        {
            Assert.DoesNotContain(claim, email.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(claim, email.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("en", "Welcome to Coalition Test news alerts")]
    [InlineData("no", "Velkommen til nyhetsvarslene fra Coalition Test")]
    [InlineData("fr", "Bienvenue aux alertes d’actualité de la Coalition Test")]
    [InlineData("es", "Le damos la bienvenida a las alertas de noticias de la Coalition Test")]
    public async Task WelcomeMailLinksTheSubscribersOwnPreferenceCentreAndUnsubscribe(string language, string subject)
    {
        var reader = Reader(language);

        var email = await Composer(Brand).ComposeWelcomeAsync(reader);

        Assert.Equal(subject, email.Subject);
        Assert.Equal(reader.Email, email.To);
        var preferences = Token(email.Html, "/api/preferences?token=");
        Assert.Equal(reader.Id, Tokens.Validate(AlertComposer.PreferencesPurpose, preferences));
        Assert.Contains($"/api/preferences?token={Uri.EscapeDataString(preferences)}", email.Text);
        var unsubscribe = Token(email.Html, "/api/unsubscribe?token=");
        Assert.Equal(reader.Id, Tokens.Validate(AlertComposer.UnsubscribePurpose, unsubscribe));
        Assert.Equal($"<https://alerts.example.org/api/unsubscribe?token={Uri.EscapeDataString(unsubscribe)}>", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain(AlertComposer.UnsubscribeTag, email.Html + email.Text);
    }

    private static string Token(string html, string path)
    {
        var at = html.IndexOf(path, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {path} link");
        var start = at + path.Length;
        return Uri.UnescapeDataString(html[start..html.IndexOf('"', start)].Replace("&amp;", "&", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Branding:PrimaryColor", "blue", "Branding__PrimaryColor")]
    [InlineData("Branding:BackgroundColor", "#FFF", "Branding__BackgroundColor")]
    [InlineData("Branding:LogoUrl", "http://cdn.example.org/logo.png", "Branding__LogoUrl")]
    [InlineData("Branding:ContactUrl", "javascript:alert(1)", "Branding__ContactUrl")]
    [InlineData("Branding:PostalAddress", "", "Branding__PostalAddress")]
    public void RefusesToStartWithBrandingThatWouldBreakTheMails(string key, string value, string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCampaignFlow(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BrandingOptions>>().Value);

        Assert.Contains(setting, refused.Message);
    }

    [Fact]
    public void StartsWithTheDefaultBranding()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCampaignFlow(configuration).BuildServiceProvider();

        Assert.Equal("Cluster Munition Coalition", services.GetRequiredService<IOptions<BrandingOptions>>().Value.OrganisationName);
    }
}
