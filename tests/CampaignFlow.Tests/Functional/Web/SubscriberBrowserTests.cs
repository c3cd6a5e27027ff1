using System.Net;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using Microsoft.Playwright;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// The subscriber's whole way in Debian's Chromium, as a person clicks it, in each language: sign up (after a typo the
/// form keeps what was typed), confirm, preferences, unsubscribe, subscribe again, a broken link's fresh-link form and
/// the 404; through the HTTP functions as the Functions worker serves them, against Azurite, mail read from the outbox.
/// Every page is screenshotted at 390 px and 800 px (.state/artifacts/screenshots/pages) and checked by axe-core.
/// </summary>
public sealed class SubscriberBrowserTests(AzuriteFixture azurite, Chromium chromium) : IClassFixture<AzuriteFixture>, IClassFixture<Chromium>
{
    private const string Folder = "pages";

    [Theory]
    [InlineData("en", 1)]
    [InlineData("no", 2)]
    [InlineData("fr", 3)]
    [InlineData("es", 4)]
    public async Task ASubscriberSignsUpConfirmsChoosesLeavesAndComesBack(string language, int client)
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var text = PageText.For(language);
        var page = await NewPageAsync(site, client);
        var address = $"reader-{Guid.NewGuid():n}@example.org";
        var id = EmailAddress.Key(address);

        await OpenAsync(page, site, $"/api/subscribe?lang={language}", "signup", language);
        Assert.Equal(text.SubscribeButton, await page.InnerTextAsync("button[type=submit]"));
        await page.FillAsync("#email", "reader@localhost");
        await page.FillAsync("#name", "Kari Nordmann");
        await page.Locator("input[type=checkbox][name=topics]").First.CheckAsync();
        await page.SelectOptionAsync("#cadence", "daily");
        var error = await SubmitAsync(page);
        Assert.Equal(400, error!.Status);
        Assert.Equal(text.InvalidEmail, await page.InnerTextAsync("#email-error"));
        Assert.Equal(("reader@localhost", "Kari Nordmann", "daily"), (await page.InputValueAsync("#email"), await page.InputValueAsync("#name"), await page.InputValueAsync("#cadence")));
        Assert.True(await page.Locator("input[type=checkbox][name=topics]").First.IsCheckedAsync());
        await ShootAsync(page, "signup-error", language);

        await page.FillAsync("#email", address);
        Assert.Equal(202, (await SubmitAsync(page))!.Status);
        Assert.Contains(text.CheckInbox, await page.InnerTextAsync("main"));
        await ShootAsync(page, "signup-thanks", language);

        await ConfirmAsync(page, site, id, language, "confirm");
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(id))!.Status);
        var welcome = await File.ReadAllTextAsync(Path.Combine(site.Outbox, $"welcome-{id}.html"));
        var preferences = "/api/preferences?token=" + Uri.EscapeDataString(SubscriberSite.TokenIn(welcome, "/api/preferences"));

        await OpenAsync(page, site, preferences, "preferences", language);
        Assert.Contains("r\u2022\u2022\u2022@example.org", await page.InnerTextAsync("main"));
        await page.FillAsync("#name", "");
        await page.SelectOptionAsync("#cadence", "instant");
        Assert.Equal(200, (await SubmitAsync(page))!.Status);
        await ShootAsync(page, "preferences-saved", language);
        var saved = await site.Store.GetAsync(id);
        Assert.Equal((null, Cadence.Instant), (saved!.Name, saved.Cadence));

        await page.GotoAsync(Url(site, preferences));
        await ClickAsync(page, $"text={text.UnsubscribeFromAll}");
        await CheckAsync(page, "unsubscribe", language);
        Assert.Equal(200, (await SubmitAsync(page))!.Status);
        Assert.Contains(text.Unsubscribed, await page.InnerTextAsync("main"));
        await CheckAsync(page, "unsubscribed", language);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Store.GetAsync(id))!.Status);
        var unsubscribeUrl = page.Url;
        await OpenAsync(page, site, unsubscribeUrl, "unsubscribe-again", language);
        Assert.Contains(text.AlreadyUnsubscribed, await page.InnerTextAsync("main"));
        await OpenAsync(page, site, preferences, "preferences-after-unsubscribe", language);
        Assert.Contains(text.PreferencesAfterUnsubscribe, await page.InnerTextAsync("main"));

        // Unsubscribed by mistake: the link on that page leads back to the form, in the same language.
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        await ClickAsync(page, $"text={text.SubscribeAgain}");
        Assert.Equal(text.SubscribeTitle, await page.InnerTextAsync("h1"));
        await page.FillAsync("#email", address);
        Assert.Equal(202, (await SubmitAsync(page))!.Status);
        await ConfirmAsync(page, site, id, language, "resubscribe-confirm");
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(id))!.Status);
    }

    [Theory]
    [InlineData("en", 11)]
    [InlineData("no", 12)]
    [InlineData("fr", 13)]
    [InlineData("es", 14)]
    public async Task ABrokenLinkLeadsToAFreshLinkAndAnUnknownPageToA404(string language, int client)
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var text = PageText.For(language);
        var page = await NewPageAsync(site, client);
        var subscriber = Subscriber.Create($"reader-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active, Language = language };
        await site.Store.UpsertAsync(subscriber);

        var broken = await OpenAsync(page, site, $"/api/unsubscribe?token=cut-short&lang={language}", "link-not-valid", language);
        Assert.Equal(400, broken.Status);
        Assert.Contains(text.UnsubscribeLinkNotValid, await page.InnerTextAsync("main"));
        await page.FillAsync("#email", "reader@nodot");
        Assert.Equal(400, (await SubmitAsync(page))!.Status);
        Assert.Equal(text.InvalidEmail, await page.InnerTextAsync("#email-error"));
        Assert.Equal("reader@nodot", await page.InputValueAsync("#email"));
        await ShootAsync(page, "link-error", language);
        await page.FillAsync("#email", subscriber.Email);
        Assert.Equal(202, (await SubmitAsync(page))!.Status);
        Assert.Contains(text.FreshLinkSent, await page.InnerTextAsync("main"));
        await CheckAsync(page, "link-sent", language);
        Assert.Single(Directory.GetFiles(site.Outbox, $"links-{subscriber.Id}-*.html"));

        await OpenAsync(page, site, $"/api/link?lang={language}", "link", language);
        var missing = await OpenAsync(page, site, $"/api/no-such-page?lang={language}", "not-found", language);
        Assert.Equal(404, missing.Status);
        Assert.Equal(text.NotFoundTitle, await page.InnerTextAsync("h1"));
    }

    private async Task<IPage> NewPageAsync(SubscriberSite site, int client)
    {
        var page = await chromium.NewPageAsync(390, 800);
        // Each test its own documentation-range client: the per-network limits are shared by the class's storage.
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = $"198.51.100.{client}" });
        return page;
    }

    private static string Url(SubscriberSite site, string path) => path.StartsWith("http", StringComparison.Ordinal) ? path : new Uri(site.Http.BaseAddress!, path).ToString();

    private static async Task<IResponse> OpenAsync(IPage page, SubscriberSite site, string path, string name, string language)
    {
        var response = await page.GotoAsync(Url(site, path));
        await CheckAsync(page, name, language);
        return response!;
    }

    private static async Task ConfirmAsync(IPage page, SubscriberSite site, string id, string language, string name)
    {
        await OpenAsync(page, site, "/api/confirm?token=" + Uri.EscapeDataString(site.LatestConfirmToken(id)), name, language);
        Assert.Equal(200, (await SubmitAsync(page))!.Status);
        Assert.Equal(PageText.For(language).SubscribedTitle, await page.InnerTextAsync("h1"));
        Assert.Contains(PageText.For(language).Subscribed, await page.InnerTextAsync("main"));
        await CheckAsync(page, name + "ed", language);
    }

    private static Task<IResponse?> SubmitAsync(IPage page) => ClickAsync(page, "button[type=submit]");

    /// <summary>Clicks and waits for the page it leads to.</summary>
    // Obsolete in favour of WaitForURLAsync, which needs the next URL beforehand; where a form post leads is the server's choice.
#pragma warning disable CS0612
    private static Task<IResponse?> ClickAsync(IPage page, string selector) => page.RunAndWaitForNavigationAsync(() => page.ClickAsync(selector));
#pragma warning restore CS0612

    /// <summary>axe-core finds nothing serious, the page is in its language, and it is screenshotted at both widths.</summary>
    private static async Task CheckAsync(IPage page, string name, string language)
    {
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(PageText.For(language).SiteName, await page.InnerTextAsync("header"));
        await Chromium.AssertAccessibleAsync(page);
        await ShootAsync(page, name, language);
    }

    private static async Task ShootAsync(IPage page, string name, string language)
    {
        foreach (var width in new[] { 390, 800 })
        {
            await page.SetViewportSizeAsync(width, 800);
            await Chromium.ScreenshotAsync(page, Folder, $"{name}.{language}.{width}");
            Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"), $"{name}.{language} scrolls sideways at {width} px");
        }
        await page.SetViewportSizeAsync(390, 800);
    }
}
