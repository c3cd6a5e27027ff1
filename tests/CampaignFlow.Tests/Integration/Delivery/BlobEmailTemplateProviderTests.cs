using System.Text.Json;
using Azure.Storage.Blobs;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Verdict = CampaignFlow.Classification.StoryVerdict;
using CampaignFlow.Azure.Published;

namespace CampaignFlow.Tests.Integration.Delivery;

/// <summary>Published templates: first load, hot reload, refusal of invalid ones, escaping — against a real blob service (Azurite).</summary>
public sealed class BlobEmailTemplateProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly IOptions<EmailTemplateOptions> Settings = Options.Create(new EmailTemplateOptions { RefreshSeconds = 30 });
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LogCapture _logs = new();

    private BlobEmailTemplateProvider Provider(BlobContainerClient container) => new(
        container, Settings, _time, LoggerFactory.Create(l => l.AddProvider(_logs)).CreateLogger<BlobEmailTemplateProvider>(), EmailTemplateLoader.LoadDefault());

    private BlobEmailTemplateStore Store(BlobContainerClient container) => new(container, Settings, _time);

    /// <summary>The shipped files with edits (file, old text, new text), as staff would publish them.</summary>
    private static Dictionary<string, string> Files(params (string File, string From, string To)[] edits)
    {
        var files = new Dictionary<string, string>(EmailTemplateLoader.ReadDefaultFiles());
        foreach (var (file, from, to) in edits)
        {
            Assert.Contains(from, files[file]);
            files[file] = files[file].Replace(from, to, StringComparison.Ordinal);
        }
        return files;
    }

    private static async Task<string> SubjectAsync(IEmailTemplateProvider templates, string name, string language) =>
        (await templates.GetAsync(name, language)).Render(new Dictionary<string, object?> { ["title"] = "T", ["count"] = "2" }).Subject;

    [Fact]
    public async Task UsesTheBuiltInTemplatesWhenNothingIsPublished()
    {
        var provider = Provider(await azurite.NewContainerAsync());

        Assert.Same(EmailTemplateLoader.LoadDefault()["alert.fr"], await provider.GetAsync("alert", "fr"));
        Assert.Same(EmailTemplateLoader.LoadDefault()["digest.es"], await provider.GetAsync("digest", "es"));
    }

    [Fact]
    public async Task TheFirstMailAfterAColdStartAlreadyUsesThePublishedTemplate()
    {
        var container = await azurite.NewContainerAsync();
        await Store(container).PublishAsync(Files(("alert.fr.txt", "Subject: Alerte :", "Subject: Alerte CMC :")));

        var provider = Provider(container);

        Assert.Equal("Alerte CMC : T", await SubjectAsync(provider, "alert", "fr"));
        Assert.Equal("Alerta: T", await SubjectAsync(provider, "alert", "es"));
    }

    [Fact]
    public async Task AppliesAPublishedTemplateWithoutRestartOnlyAfterTheInterval()
    {
        var container = await azurite.NewContainerAsync();
        var provider = Provider(container);
        Assert.Equal("Alerte : T", await SubjectAsync(provider, "alert", "fr"));

        await Store(container).PublishAsync(Files(("alert.fr.txt", "Subject: Alerte :", "Subject: Nouvel article :")));
        Assert.Equal("Alerte : T", await SubjectAsync(provider, "alert", "fr"));
        _time.Advance(TimeSpan.FromSeconds(31));

        // Why: the due check runs in the background so sending never waits for storage: the mail that finds it due
        // still uses the old template, and the check it started brings the new one.
        Assert.Equal("Alerte : T", await SubjectAsync(provider, "alert", "fr"));
        await provider.BackgroundCheck;
        Assert.Equal("Nouvel article : T", await SubjectAsync(provider, "alert", "fr"));
    }

    [Fact]
    public async Task RefusesAnInvalidPublishedTemplateLogsWhyAndKeepsTheLastGoodOne()
    {
        var container = await azurite.NewContainerAsync();
        var provider = Provider(container);
        await Store(container).PublishAsync(Files(("alert.fr.txt", "Subject: Alerte :", "Subject: Alerte v1 :")));
        Assert.True(await provider.RefreshAsync());

        // A hand edit straight into storage, past publish's validation: French alert without its unsubscribe link.
        var edited = Files(
            ("alert.fr.txt", "Subject: Alerte :", "Subject: Alerte v2 :"),
            ("alert.fr.html", "<a href=\"{{ unsubscribe_url }}\" style=\"color:{{ brand.color }}\">Se désabonner</a> &middot; ", ""),
            ("confirm.fr.txt", "Subject: Merci de confirmer", "Subject: Confirmez"));
        var published = new PublishedTemplates { PublishedAt = _time.GetUtcNow(), Files = edited };
        await container.GetBlobClient(Settings.Value.ActiveBlobName).UploadAsync(BinaryData.FromObjectAsJson(published, new JsonSerializerOptions(JsonSerializerDefaults.Web)), overwrite: true);

        await provider.RefreshAsync();

        Assert.Equal("Alerte v1 : T", await SubjectAsync(provider, "alert", "fr"));
        Assert.StartsWith("Confirmez", await SubjectAsync(provider, "confirm", "fr"));
        var refusal = Assert.Single(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Refused published template alert.fr", StringComparison.Ordinal));
        Assert.Contains("alert.fr.html:1: no unsubscribe link", refusal);
        Assert.Contains("keeping the last good published one", refusal);

        // A cold start on the same invalid set keeps the built-in French alert.
        var fresh = Provider(container);
        Assert.Equal("Alerte : T", await SubjectAsync(fresh, "alert", "fr"));
        Assert.Contains(_logs.Lines, l => l.Contains("keeping the built-in one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusesASetPublishedInTheSyntaxBeforeLiquidNamingItsFilesAndKeepsTheBuiltInTemplates()
    {
        var container = await azurite.NewContainerAsync();
        var old = new PublishedTemplates
        {
            V = 1,
            PublishedAt = _time.GetUtcNow(),
            Files = new Dictionary<string, string>
            {
                ["alert.en.txt"] = "Subject: Old alert: {{title}}\n{{title}}\nUnsubscribe: -unsubscribe_url-\n",
                ["alert.en.html"] = "<p>{{title}}</p><a href=\"-unsubscribe_url-\">Unsubscribe</a>",
            },
        };
        await container.GetBlobClient(Settings.Value.ActiveBlobName).UploadAsync(BinaryData.FromObjectAsJson(old, new JsonSerializerOptions(JsonSerializerDefaults.Web)), overwrite: true);

        var provider = Provider(container);

        Assert.Equal("Alert: T", await SubjectAsync(provider, "alert", "en"));
        var refusal = Assert.Single(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("version 1, the syntax before Liquid", StringComparison.Ordinal));
        Assert.Contains("alert.en.html, alert.en.txt", refusal);
        Assert.Contains("templates publish", refusal);
    }

    [Fact]
    public async Task PublishRefusesAnInvalidSetAndWritesNothing()
    {
        var container = await azurite.NewContainerAsync();

        var refused = await Assert.ThrowsAsync<EmailTemplateValidationException>(() => Store(container).PublishAsync(Files(("digest.es.txt", "{{ story.title }}", "{{ noticias }}"))));

        Assert.Contains(refused.Problems, p => p.ToString().StartsWith("digest.es.txt:5: unknown variable {{ noticias }}", StringComparison.Ordinal));
        Assert.False(await container.GetBlobClient(Settings.Value.ActiveBlobName).ExistsAsync());
    }

    [Fact]
    public async Task ReturnsToTheBuiltInTemplatesWhenThePublishedSetIsDeleted()
    {
        var container = await azurite.NewContainerAsync();
        var provider = Provider(container);
        await Store(container).PublishAsync(Files(("digest.es.txt", "Subject: Resumen diario", "Subject: Noticias del día")));
        await provider.RefreshAsync();
        Assert.StartsWith("Noticias del día", await SubjectAsync(provider, "digest", "es"));

        await container.GetBlobClient(Settings.Value.ActiveBlobName).DeleteAsync();

        Assert.True(await provider.RefreshAsync());
        Assert.StartsWith("Resumen diario", await SubjectAsync(provider, "digest", "es"));
    }

    [Fact]
    public async Task EscapingHoldsInAStaffEditedTemplate()
    {
        var container = await azurite.NewContainerAsync();
        await Store(container).PublishAsync(Files(
            ("alert.en.html", "{{ title }}</h1>", "{{ title }}</h1><p title=\"{{ title }}\">x</p><img alt=\"{{ summary }}\" src=\"https://example.org/logo.png\">"),
            ("digest.en.html", "{% for story in stories %}", "<p>Today:</p>\n{% for story in stories %}"),
            ("digest.en.html", "{% endfor %}", "{% endfor %}\n<p>{{ count }} {{ date }}</p>")));
        var provider = Provider(container);
        var tokens = new TokenService(Options.Create(new TokenOptions { SigningKey = new string('k', 40) }), _time);
        var composer = new AlertComposer(Options.Create(new EmailOptions()), tokens, provider, StaticRuleSetProvider.Default());
        var story = new ClassifiedStory(
            new Story { Id = "s1", Feed = "mfa", Title = "\"><script>alert(1)</script>", Summary = "<img src=x onerror=alert(1)> -unsubscribe_url-", Link = "javascript:alert(1)" },
            new Verdict { Relevant = true, Score = 1, Decision = ClassificationDecision.Send, RuleSetVersion = "1", Evidence = [new TermMatch("cluster munitions", 0, 5)] });
        var reader = Subscriber.Create("reader@example.org") with { Status = SubscriberStatus.Active };

        var alert = await composer.ComposeBatchAsync(story, "en", [reader]);
        var digest = await new DigestComposer(composer, provider).ComposeAsync("digest-1", 1, "a1", [story], "en", [reader], _time.GetUtcNow());

        foreach (var html in new[] { alert.Html, digest.Html })
        {
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("javascript:", html);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "-unsubscribe_url-"));
        }
        Assert.Contains("<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">", alert.Html);
        Assert.Contains("alt=\"&lt;img src=x onerror=alert(1)&gt; -unsubscribe url-\"", alert.Html);
        Assert.Contains("<p>Today:</p>\n<h2 style=\"font-size:19px;line-height:1.3;margin:24px 0 4px\">&quot;&gt;&lt;script&gt;", digest.Html);
    }

    [Fact]
    public async Task APublishedTemplateReachesSubscribersThroughDelivery()
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Templates:ActiveBlobName"] = $"templates/{Guid.NewGuid():N}.json" });
        Assert.IsType<BlobEmailTemplateProvider>(h.Services.GetRequiredService<IEmailTemplateProvider>());
        await h.Services.GetRequiredService<BlobEmailTemplateStore>().PublishAsync(Files(("alert.es.txt", "Subject: Alerta:", "Subject: Noticia CMC:")));
        var story = await h.StoryAsync();
        var spanish = await h.SubscribersAsync(1, "es", s => s with { Language = "es" });

        foreach (var batch in await h.FanOutAsync(story))
        {
            await h.RunAsync(batch);
        }

        var body = Assert.Single(h.Endpoint.Accepted);
        Assert.Equal($"Noticia CMC: {story.Story.Title}", body.GetProperty("subject").GetString());
        Assert.Equal(1, h.Endpoint.TimesSent(spanish[0].Email));
    }
}
