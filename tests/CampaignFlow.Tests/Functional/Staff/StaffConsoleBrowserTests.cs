using CampaignFlow.Classification;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>
/// The staff console in real headless Chromium against the Functions app's HTTP triggers: signing in with the local
/// link, deciding stories with clicks, and what a person sees. Every screen is screenshotted under
/// .state/artifacts/screenshots/staff and checked with axe-core.
/// </summary>
public sealed class StaffConsoleBrowserTests(AzuriteFixture azurite, Chromium chromium) : IClassFixture<AzuriteFixture>, IClassFixture<Chromium>
{
    private const string Folder = "staff";

    [Fact]
    public async Task SigningInWithTheLocalLinkOpensTheRecentStoriesAndTheSameLinkIsRefusedTheSecondTime()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        await site.StoryAsync(ClassificationDecision.Send, title: "Norway ratifies the Convention on Cluster Munitions");
        var link = await site.SignInLinkAsync("Ingrid Staff");
        var anonymous = await chromium.NewPageAsync();
        var first = await chromium.NewPageAsync();
        var second = await chromium.NewPageAsync();

        var refusedBefore = await anonymous.GotoAsync(new Uri(site.BaseAddress, "/staff/").ToString());
        await Chromium.ScreenshotAsync(anonymous, Folder, "01-not-signed-in");
        await Chromium.AssertAccessibleAsync(anonymous);
        await first.GotoAsync(link);
        await Chromium.ScreenshotAsync(first, Folder, "02-recent-stories");
        await Chromium.AssertAccessibleAsync(first);
        var again = await second.GotoAsync(link);
        await Chromium.ScreenshotAsync(second, Folder, "03-link-used-twice");
        await Chromium.AssertAccessibleAsync(second);

        Assert.Equal(401, refusedBefore!.Status);
        Assert.DoesNotContain("Norway ratifies", await anonymous.ContentAsync());
        Assert.EndsWith("/staff/", first.Url);
        Assert.Equal("Recent stories", await first.Locator("h1").InnerTextAsync());
        Assert.Contains("Signed in as Ingrid Staff", await first.Locator("header").InnerTextAsync());
        Assert.Equal(403, again!.Status);
        Assert.Contains("already been used", await second.Locator("main").InnerTextAsync());
        Assert.Equal(401, (await second.GotoAsync(new Uri(site.BaseAddress, "/staff/").ToString()))!.Status);
    }

    [Fact]
    public async Task ApprovingAHeldStoryWithAScriptInItsTitleShowsTheTitleAsTextAndPutsItsEmailInTheOutbox()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var subscriber = await site.SubscribeAsync();
        const string title = "<script>alert('pwned')</script> Lima conference on cluster munitions";
        var id = await site.StoryAsync(ClassificationDecision.Hold, title: title);
        var page = await chromium.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync(await site.SignInLinkAsync("Ola Staff"));
        var row = page.Locator("tr", new() { Has = page.Locator($"a[href='/staff/stories/{id}']") });
        Assert.Equal(title, await row.Locator("a").First.InnerTextAsync());
        await Chromium.ScreenshotAsync(page, Folder, "04-held-story-with-script-title");
        await SubmitAsync(page, () => row.GetByRole(AriaRole.Button, new() { Name = "Approve and send: " + title }).ClickAsync());
        Assert.EndsWith("/staff/?done=sent", page.Url);
        await Chromium.ScreenshotAsync(page, Folder, "05-after-approve");
        await Chromium.AssertAccessibleAsync(page);
        await site.DrainAsync();

        Assert.Equal(0, dialogs);
        Assert.Contains("the alert is going out", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains(Path.Combine(site.Outbox, $"{id}-{subscriber.Id}.eml"), site.MailsOf(id));
        Assert.Contains("Lima conference", await File.ReadAllTextAsync(Path.Combine(site.Outbox, $"{id}-{subscriber.Id}.html")));
    }

    [Fact]
    public async Task AStoryTheClassifierMissedIsSentFromItsTrailOnceEvenAfterASecondClick()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var subscriber = await site.SubscribeAsync();
        var (id, verdict) = await site.ClassifiedStoryAsync("Minister visits Lima",
            "The minister met colleagues to talk about a treaty banning a class of weapons.");
        Assert.Equal(ClassificationDecision.Drop, verdict.Decision);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(await site.SignInLinkAsync("Ola Staff"));
        var trail = new Uri(site.BaseAddress, $"/staff/stories/{id}").ToString();
        await page.GotoAsync(trail);
        await Chromium.ScreenshotAsync(page, Folder, "06-trail-of-a-dropped-story");
        await Chromium.AssertAccessibleAsync(page);

        var send = page.GetByRole(AriaRole.Button, new() { Name = "Send this story the classifier missed" });
        var token = await page.Locator("input[name=csrf]").First.GetAttributeAsync("value");
        await SubmitAsync(page, () => send.ClickAsync());
        // A second click from a page still showing the button (another tab): the same form posted again from this session.
        var again = await page.APIRequest.PostAsync(trail + "/send", new() { Form = page.APIRequest.CreateFormData().Set("csrf", token!), MaxRedirects = 0 });
        await site.DrainAsync();
        await page.GotoAsync(trail);
        await Chromium.ScreenshotAsync(page, Folder, "07-trail-after-send");
        await Chromium.AssertAccessibleAsync(page);

        Assert.Equal(303, again.Status);
        Assert.EndsWith("?done=already", again.Headers["location"]);
        Assert.Single(site.MailsOf(id), m => m.Contains(subscriber.Id));
        Assert.Equal(await site.ActiveSubscribersAsync(), site.MailsOf(id).Length);
        Assert.Contains("sent by staff", await page.Locator(".verdict").First.InnerTextAsync());
        Assert.Contains("send by Ola Staff", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Send this story the classifier missed" }).CountAsync());
    }

    /// <summary>Clicks a form's button and waits for its POST (which must redirect, else the page's text says why) and the page after it.</summary>
    private static async Task SubmitAsync(IPage page, Func<Task> click)
    {
        var post = await page.RunAndWaitForResponseAsync(click, r => r.Request.Method == "POST");
        if (post.Status != 303)
        {
            Assert.Fail($"POST {post.Url} answered {post.Status}: {await post.TextAsync()}");
        }
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("done="));
        await page.WaitForLoadStateAsync();
    }

    [Fact]
    public async Task AFormWithoutItsAntiForgeryTokenIsRefusedAndNothingIsDecided()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var id = await site.StoryAsync(ClassificationDecision.Hold, title: "Held story for the forgery test");
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(await site.SignInLinkAsync());
        await page.GotoAsync(new Uri(site.BaseAddress, $"/staff/stories/{id}").ToString());
        await page.EvaluateAsync("() => document.querySelectorAll('input[name=csrf]').forEach(e => e.remove())");

        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Approve and send" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await Chromium.ScreenshotAsync(page, Folder, "08-missing-anti-forgery-token");
        await Chromium.AssertAccessibleAsync(page);

        Assert.Equal(403, answer.Status);
        Assert.Contains("did not come from the console", await page.Locator("main").InnerTextAsync());
        Assert.Null((await site.Services.GetRequiredService<CampaignFlow.Stories.IStoryArchive>().GetAsync(id))!.Decision);
    }
}
