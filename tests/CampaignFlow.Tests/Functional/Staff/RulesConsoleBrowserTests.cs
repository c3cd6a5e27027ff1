using CampaignFlow.Azure.Published;
using CampaignFlow.Classification;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>
/// The rules side of the staff console in real headless Chromium against the Functions app's HTTP triggers and
/// Azurite: an edit changes a story's decision in the live preview, publishing reaches the running pipeline (blob hot
/// reload), rollback, and an invalid edit. Screenshots under .state/artifacts/screenshots/rules; axe-core on each screen.
/// </summary>
public sealed class RulesConsoleBrowserTests(AzuriteFixture azurite, Chromium chromium) : IClassFixture<AzuriteFixture>, IClassFixture<Chromium>
{
    private const string Folder = "rules";
    private const string Title = "Ministry condemns use of thermobaric warheads";
    private const string Summary = "The ministry said thermobaric warheads cause unacceptable harm. Reports of thermobaric warheads in the conflict are alarming.";
    private static readonly int Anchors = RuleSetLoader.LoadDefault().Rules.Anchors.Count;

    [Fact]
    public async Task AnAddedTermChangesAStoryInThePreviewThenPublishingReachesThePipelineAndRollbackUndoesIt()
    {
        await using var site = await StartAsync();
        var (_, before) = await site.ClassifiedStoryAsync(Title, Summary);
        Assert.Equal(ClassificationDecision.Drop, before.Decision);
        var page = await chromium.NewPageAsync(1280, 900);
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync(await site.SignInLinkAsync("Ingrid Staff"));
        await page.GotoAsync(new Uri(site.BaseAddress, "/staff/rules").ToString());
        await Chromium.ScreenshotAsync(page, Folder, "01-editor");
        await Chromium.AssertAccessibleAsync(page);

        await page.Locator($"textarea[name='anchors[{Anchors}].terms']").FillAsync("thermobaric warheads");
        var live = page.Locator("#live");
        await WaitOrExplainAsync(page, live.GetByText("+1 would now alert"));
        var change = live.Locator(".change", new() { HasText = Title });
        // The title's existing anchor ("condemns") is marked too; the added term is marked wherever it occurs.
        var marked = (await change.Locator("mark").AllInnerTextsAsync()).Select(m => m.ToLowerInvariant()).ToList();
        Assert.Equal(3, marked.Count(m => m == "thermobaric warheads"));
        Assert.Contains("Send", await change.InnerTextAsync());
        Assert.Contains("(edit)", await live.Locator("table.scores").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, Folder, "02-live-preview");
        await Chromium.AssertAccessibleAsync(page);

        await page.Locator("#f-comment").FillAsync("Catch thermobaric warheads (test)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish as a new version" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/rules/history?done=published**");
        var published = page.Url.Split("version=")[1];
        Assert.Contains("Catch thermobaric warheads (test)", await page.Locator("table").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, Folder, "03-published-history");
        await Chromium.AssertAccessibleAsync(page);

        var after = await ClassifyUntilVersionAsync(site, published);
        Assert.Equal(ClassificationDecision.Send, after.Decision);
        Assert.Contains(after.Evidence, e => e.Term.Equals("thermobaric warheads", StringComparison.OrdinalIgnoreCase));

        var builtIn = RuleSetLoader.LoadDefault().Version;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Roll back to {builtIn}" }).ClickAsync();
        await page.WaitForURLAsync("**done=rolledback**");
        Assert.Contains($"rolled back to {builtIn} by Ingrid Staff", await page.Locator("main").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, Folder, "04-rolled-back");
        await Chromium.AssertAccessibleAsync(page);
        Assert.Equal(ClassificationDecision.Drop, (await ClassifyUntilVersionAsync(site, builtIn)).Decision);
    }

    [Fact]
    public async Task AnInvalidEditShowsAnInlineErrorAndSavesNothing()
    {
        await using var site = await StartAsync();
        var store = site.Services.GetRequiredService<BlobRuleSetStore>();
        var etag = (await store.ReadActiveBlobAsync())!.ETag;
        var page = await chromium.NewPageAsync(1280, 900);
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync(await site.SignInLinkAsync("Ola Staff"));
        await page.GotoAsync(new Uri(site.BaseAddress, "/staff/rules").ToString());

        var weight = page.Locator("input[name='anchors[0].weight']");
        await weight.FillAsync("-2");
        await WaitOrExplainAsync(page, page.Locator("#live [role=alert]"));
        Assert.Contains("weight -2 should be greater than 0", await page.Locator("p.error[data-live-error]").First.InnerTextAsync());
        Assert.Equal("true", await weight.GetAttributeAsync("aria-invalid"));
        // The error goes below the group's row: the terms stay beside the weight (it once pushed them under the error).
        var weightBox = (await weight.BoundingBoxAsync())!;
        var termsBox = (await page.Locator("textarea[name='anchors[0].terms']").BoundingBoxAsync())!;
        Assert.True(Math.Abs(termsBox.Y - weightBox.Y) < 5 && termsBox.X > weightBox.X + weightBox.Width, $"terms at {termsBox.X},{termsBox.Y}; weight at {weightBox.X},{weightBox.Y}");
        await Chromium.ScreenshotAsync(page, Folder, "05-invalid-live");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Publish as a new version" }).ClickAsync(), r => r.Url.EndsWith("/staff/rules/publish", StringComparison.Ordinal));
        Assert.Equal(422, response.Status);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.Locator("#f-anchors-0--weight-error").WaitForAsync();
        Assert.Contains("weight -2 should be greater than 0", await page.Locator("#f-anchors-0--weight-error").InnerTextAsync());
        Assert.Equal("true", await page.Locator("input[name='anchors[0].weight']").GetAttributeAsync("aria-invalid"));
        await Chromium.ScreenshotAsync(page, Folder, "06-invalid-publish-refused");
        await Chromium.AssertAccessibleAsync(page);
        Assert.Equal(etag, (await store.ReadActiveBlobAsync())!.ETag);
        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public async Task TheRawJsonViewAndTheSuggestedTermsAreReadable()
    {
        await using var site = await StartAsync();
        var page = await chromium.NewPageAsync(1280, 900);
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(await site.SignInLinkAsync("Ola Staff"));
        await page.GotoAsync(new Uri(site.BaseAddress, "/staff/rules/json").ToString());
        Assert.Contains("\"anchors\"", await page.Locator("#f-json").InputValueAsync());
        await Chromium.ScreenshotAsync(page, Folder, "07-raw-json");
        await Chromium.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest terms" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/rules/suggest");
        await WaitOrExplainAsync(page, page.Locator("#suggestions"));
        Assert.Equal("Suggested terms", await page.Locator("#suggestions").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, Folder, "08-suggested-terms");
        await Chromium.AssertAccessibleAsync(page);
    }

    /// <summary>The console's site with the pipeline reading the published rule set from blob storage, checked every second.</summary>
    private async Task<StaffSite> StartAsync()
    {
        var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Classification:UseBlobStorage"] = "true",
            ["Classification:RefreshSeconds"] = "1",
            ["Classification:ContainerName"] = $"config{Guid.NewGuid():N}",
        });
        // As the deploy step does: the repository's rule set is the first published version.
        await site.Services.GetRequiredService<BlobRuleSetStore>().PublishAsync(RuleSetLoader.ReadDefaultJson());
        return site;
    }

    /// <summary>Waits for <paramref name="locator"/>; on a timeout fails with what the page shows and what the browser logged.</summary>
    private static async Task WaitOrExplainAsync(IPage page, ILocator locator)
    {
        var log = new List<string>();
        page.Console += (_, m) => log.Add("console: " + m.Text);
        page.Response += (_, r) => log.Add($"{r.Status} {r.Url}");
        try
        {
            await locator.WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            await Chromium.ScreenshotAsync(page, Folder, "timeout");
            Assert.Fail($"not shown: {locator}\n{string.Join("\n", log)}\n{await page.Locator("main").InnerTextAsync()}");
        }
    }

    /// <summary>A new story through ClassifyStory until the pipeline's hot reload has picked up <paramref name="version"/>.</summary>
    private static async Task<StoryVerdict> ClassifyUntilVersionAsync(StaffSite site, string version)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (_, verdict) = await site.ClassifiedStoryAsync(Title, Summary);
            if (verdict.RuleSetVersion == version || attempt == 30)
            {
                Assert.Equal(version, verdict.RuleSetVersion);
                return verdict;
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
