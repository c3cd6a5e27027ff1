using System.Net;
using CampaignFlow.Azure.Published;
using CampaignFlow.Classification;
using CampaignFlow.Staff;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>Every route of the rules side through the Functions app's HTTP trigger: sign-in, anti-forgery, and what each answers.</summary>
public sealed class RulesConsoleHttpTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] GetRoutes = ["/staff/rules", "/staff/rules/json", "/staff/rules/history"];
    private static readonly string[] PostRoutes = ["/staff/rules/preview", "/staff/rules/suggest", "/staff/rules/publish", "/staff/rules/rollback/x"];

    [Fact]
    public async Task WithoutSignInEveryRulesRouteAnswers401AndShowsNoRule()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        using var anonymous = site.NewClient();

        foreach (var route in GetRoutes)
        {
            var response = await anonymous.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("anchors", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        foreach (var route in PostRoutes)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(route, new FormUrlEncodedContent([]))).StatusCode);
        }
    }

    [Fact]
    public async Task APublishWithoutTheAntiForgeryTokenIsRefusedAndWithItLands()
    {
        await using var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?> { ["Classification:ContainerName"] = $"config{Guid.NewGuid():N}" });
        var store = site.Services.GetRequiredService<BlobRuleSetStore>();
        await store.PublishAsync(RuleSetLoader.ReadDefaultJson());
        using var client = await site.SignedInClientAsync("Kari Staff");
        var editor = await client.GetStringAsync("/staff/rules/json");
        var etag = (await store.ReadActiveBlobAsync())!.ETag!;
        var json = RuleSetLoader.ReadDefaultJson().Replace("\"scale\": 3.0", "\"scale\": 3.5", StringComparison.Ordinal);
        Dictionary<string, string> Form(string? csrf) => new()
        {
            ["mode"] = "json",
            ["json"] = json,
            ["base"] = RuleSetLoader.LoadDefault().Version,
            ["etag"] = etag,
            ["comment"] = "scale 3.5",
            ["csrf"] = csrf ?? "",
        };

        var refused = await client.PostAsync("/staff/rules/publish", new FormUrlEncodedContent(Form(null)));
        var versionsAfterRefusal = (await store.ListAsync()).Count;
        var accepted = await client.PostAsync("/staff/rules/publish", new FormUrlEncodedContent(Form(StaffSite.CsrfIn(editor))));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, versionsAfterRefusal);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.StartsWith("/staff/rules/history?done=published", accepted.Headers.Location!.ToString(), StringComparison.Ordinal);
        var versions = await store.ListAsync();
        Assert.Equal(2, versions.Count);
        Assert.Equal(("Kari Staff", "scale 3.5"), (versions[0].PublishedBy, versions[0].Comment));
        Assert.Contains("default-src 'none'", refused.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInEveryRulesPageAnswersWithTheActiveRules()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        using var client = await site.SignedInClientAsync();

        foreach (var route in GetRoutes)
        {
            var response = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Contains(RuleSetLoader.LoadDefault().Version, await client.GetStringAsync("/staff/rules"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAndRollbackAreInTheStaffActionLogWithWhoAndWhenAndOnTheHistoryPage()
    {
        await using var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?> { ["Classification:ContainerName"] = $"config{Guid.NewGuid():N}" });
        var store = site.Services.GetRequiredService<BlobRuleSetStore>();
        await store.PublishAsync(RuleSetLoader.ReadDefaultJson());
        var builtIn = RuleSetLoader.LoadDefault().Version;
        var who = $"Lise Staff {Guid.NewGuid():N}"[..18];
        using var client = await site.SignedInClientAsync(who);
        var editor = await client.GetStringAsync("/staff/rules/json");
        var published = await client.PostAsync("/staff/rules/publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mode"] = "json",
            ["json"] = RuleSetLoader.ReadDefaultJson().Replace("\"scale\": 3.0", "\"scale\": 3.5", StringComparison.Ordinal),
            ["base"] = builtIn,
            ["etag"] = (await store.ReadActiveBlobAsync())!.ETag!,
            ["comment"] = "scale 3.5",
            ["csrf"] = StaffSite.CsrfIn(editor),
        }));
        Assert.Equal(HttpStatusCode.SeeOther, published.StatusCode);
        var version = (await store.ListAsync())[0].Version;
        var history = await client.GetStringAsync("/staff/rules/history");
        var rolledBack = await client.PostAsync($"/staff/rules/rollback/{builtIn}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["etag"] = (await store.ReadActiveBlobAsync())!.ETag!,
            ["csrf"] = StaffSite.CsrfIn(history),
        }));
        Assert.Equal(HttpStatusCode.SeeOther, rolledBack.StatusCode);

        var log = site.Services.GetRequiredService<IStaffActionLog>();
        var actions = new List<StaffAction>();
        await foreach (var a in log.ListAsync("rules"))
        {
            if (a.Who == who)
            {
                actions.Add(a);
            }
        }
        Assert.Equal(["rollback", "publish"], actions.Select(a => a.Action));
        Assert.Equal($"rolled back to {builtIn}", actions[0].Detail);
        Assert.Equal($"published {version} (edited from {builtIn}): scale 3.5", actions[1].Detail);
        Assert.All(actions, a => Assert.True(DateTimeOffset.UtcNow - a.At < TimeSpan.FromMinutes(5), $"recorded at {a.At}"));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/staff/rules/history"));
        Assert.Contains($"<strong>rollback</strong> by {who} — rolled back to {builtIn}", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>publish</strong> by {who} — published {version} (edited from {builtIn}): scale 3.5", page, StringComparison.Ordinal);
    }
}
