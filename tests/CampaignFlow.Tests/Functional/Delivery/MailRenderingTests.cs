using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Classification;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CampaignFlow.Tests.Functional.Delivery;

/// <summary>
/// Every mail kind in every language rendered by Debian's Chromium at a phone's width (390 px) and a desktop's (800 px),
/// as a subscriber would open it: no sideways scrolling, no text touching the screen's edges, no text too small to
/// read. Screenshots go to .state/artifacts/mail-screenshots (git-ignored) for a person to look at.
/// </summary>
public sealed class MailRenderingTests : IAsyncLifetime
{
    private const int Edge = 12;
    private static readonly TokenService Tokens = new(Options.Create(new TokenOptions { SigningKey = new string('k', 40) }), TimeProvider.System);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"], Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    [Fact]
    public async Task EveryMailFitsAPhoneAndADesktopWithRoomAtTheEdges()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), ".state", "artifacts", "mail-screenshots");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        foreach (var language in Languages.Supported)
        {
            foreach (var (kind, email) in await EveryKindAsync(language))
            {
                foreach (var width in new[] { 390, 800 })
                {
                    var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
                    await page.RouteAsync("**/*", route => route.AbortAsync());
                    await page.SetContentAsync(email.Html);
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{kind}.{language}.{width}.png"), FullPage = true });
                    var found = await page.EvaluateAsync<string[]>(LayoutCheck, Edge);
                    problems.AddRange(found.Select(p => $"{kind}.{language} at {width} px: {p}"));
                    await page.CloseAsync();
                }
            }
        }

        Assert.Empty(problems);
        Assert.Equal(Languages.Supported.Count * 6 * 2, Directory.GetFiles(folder, "*.png").Length);
    }

    /// <summary>Sideways scrolling, text closer than <c>edge</c> px to either side, text under 13 px.</summary>
    private const string LayoutCheck = """
        edge => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth} px wide`);
          for (const el of document.body.querySelectorAll('*')) {
            const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
            if (!text) continue;
            const r = el.getBoundingClientRect();
            if (r.left < edge || r.right > width - edge) problems.push(`'${text.slice(0, 30)}' from ${Math.round(r.left)} to ${Math.round(r.right)} px`);
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < 13) problems.push(`'${text.slice(0, 30)}' at ${size} px`);
          }
          return problems;
        }
        """;

    private static async Task<IReadOnlyList<(string Kind, EmailMessage Email)>> EveryKindAsync(string language)
    {
        var composer = new AlertComposer(Options.Create(new EmailOptions()), Tokens, StaticEmailTemplateProvider.Default(), new StaticRuleSetProvider(TestRules.Default));
        var reader = Subscriber.Create("reader@example.org") with { Language = language, Status = SubscriberStatus.Active };
        ClassifiedStory[] stories = [Story("s1", "Convention on Cluster Munitions enters into force"), Story("s2", "States Parties adopt the Vientiane Declaration and Action Plan on clearance, stockpile destruction and victim assistance")];
        var digest = await new DigestComposer(composer, StaticEmailTemplateProvider.Default()).ComposeAsync("digest-1", 1, "a1", stories, language, [reader], DateTimeOffset.UnixEpoch);
        return
        [
            ("alert", await composer.ComposeAsync(stories[1], reader)),
            ("digest", digest.Render(digest.Recipients[0])),
            ("confirm", await composer.ComposeConfirmationAsync(reader.Email, reader.Id, language, "http://localhost:7071/api/confirm?token=" + new string('t', 120))),
            ("welcome", await composer.ComposeWelcomeAsync(reader)),
            ("already", await composer.ComposeAlreadySubscribedAsync(reader, language)),
            ("links", await composer.ComposeFreshLinksAsync(reader)),
        ];
    }

    // A long unbroken address in the summary, as feeds carry: it must wrap, not widen the mail.
    private static ClassifiedStory Story(string id, string title) => new(
        new Story
        {
            Id = id, Feed = "regjeringen-en", Language = "en", Title = title, Link = $"https://www.regjeringen.no/en/aktuelt/{id}/id2581966/",
            Summary = "Norway welcomes the decision. Read more at https://www.regjeringen.no/en/aktuelt/a-very-long-address-without-any-break-in-it-at-all/id2581966/ and in the annex.",
            Published = new DateTimeOffset(2010, 11, 12, 16, 0, 0, TimeSpan.Zero),
        },
        new StoryVerdict
        {
            Relevant = true, Score = 1, Decision = ClassificationDecision.Send, Topics = ["diplomatic-conference", "victim-assistance"], Regions = ["asia"],
            Evidence = [new TermMatch("Convention on Cluster Munitions", 0, 6), new TermMatch("cluster munition remnants", 12, 3, "context")], RuleSetVersion = "1",
        });
}
