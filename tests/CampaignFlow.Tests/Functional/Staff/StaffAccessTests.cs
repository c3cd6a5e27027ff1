using System.Net;
using System.Text;
using CampaignFlow.Classification;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Functional.Staff;

/// <summary>Who gets into the staff console, through the Functions app's StaffConsole function: sign-in, role, anti-forgery, headers.</summary>
public sealed class StaffAccessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EveryStaffRouteRefusesWithoutSignInAndShowsNothing()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var id = await site.StoryAsync(ClassificationDecision.Hold, title: "Secret held story title");
        using var anonymous = site.NewClient();
        anonymous.DefaultRequestHeaders.Add("Cookie", StaffSignIn.CookieName + "=staff-session.forged.0.AAAA");

        var answers = new List<HttpResponseMessage>
        {
            await anonymous.GetAsync("/staff"),
            await anonymous.GetAsync("/staff/"),
            await anonymous.GetAsync($"/staff/stories/{id}"),
            await anonymous.GetAsync("/staff/no/such/page"),
            await anonymous.PostAsync($"/staff/stories/{id}/approve", new FormUrlEncodedContent([KeyValuePair.Create("csrf", "x")])),
            await anonymous.PostAsync($"/staff/stories/{id}/send", new FormUrlEncodedContent([])),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var html = await answer.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Secret held story title", html);
            Assert.DoesNotContain(id, html);
            Assert.Equal(StaffResult.ContentSecurityPolicy, answer.Headers.GetValues("Content-Security-Policy").Single());
        }
        Assert.Null((await site.Services.GetRequiredService<IStoryArchive>().GetAsync(id))!.Decision);
    }

    [Fact]
    public async Task TheSignInLinkSignsInOnceAndTheSameLinkAgainSignsNobodyIn()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var link = await site.SignInLinkAsync("Ingrid");
        using var first = site.NewClient();
        using var second = site.NewClient();

        var signedIn = await first.GetAsync(link);
        var landing = await first.GetAsync("/staff/");
        var again = await second.GetAsync(link);
        var afterRefusal = await second.GetAsync("/staff/");

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/staff/", signedIn.Headers.Location!.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("Signed in as Ingrid", await landing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));
        Assert.Contains("already been used", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, afterRefusal.StatusCode);
    }

    [Fact]
    public async Task APostWithoutThisSessionsAntiForgeryTokenIsRefusedAndChangesNothing()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        var id = await site.StoryAsync(ClassificationDecision.Hold);
        using var staff = await site.SignedInClientAsync();
        using var other = await site.SignedInClientAsync();
        var token = StaffSite.CsrfIn(await (await staff.GetAsync("/staff/")).Content.ReadAsStringAsync());
        var otherToken = StaffSite.CsrfIn(await (await other.GetAsync("/staff/")).Content.ReadAsStringAsync());

        var none = await staff.PostAsync($"/staff/stories/{id}/approve", new FormUrlEncodedContent([]));
        var foreign = await staff.PostAsync($"/staff/stories/{id}/approve", Form(("csrf", otherToken)));
        var json = await staff.PostAsync($"/staff/stories/{id}/approve", new StringContent($$"""{"csrf":"{{token}}"}""", Encoding.UTF8, "application/json"));
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/staff/stories/{id}/approve") { Content = Form(("csrf", token)) };
        crossSite.Headers.Add("Origin", "https://evil.example");
        var fromElsewhere = await staff.SendAsync(crossSite);
        var crossSiteFetch = new HttpRequestMessage(HttpMethod.Post, $"/staff/stories/{id}/approve") { Content = Form(("csrf", token)) };
        crossSiteFetch.Headers.Add("Sec-Fetch-Site", "cross-site");
        var fetchedFromElsewhere = await staff.SendAsync(crossSiteFetch);
        var undecided = (await site.Services.GetRequiredService<IStoryArchive>().GetAsync(id))!.Decision;
        var right = await staff.PostAsync($"/staff/stories/{id}/approve", Form(("csrf", token)));

        Assert.All([none, foreign, json, fromElsewhere, fetchedFromElsewhere], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Null(undecided);
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.True((await site.Services.GetRequiredService<IStoryArchive>().GetAsync(id))!.Decision!.Approved);
    }

    [Fact]
    public async Task SignedInPagesCarryTheSecurityHeadersAndSigningOutEndsTheSession()
    {
        await using var site = await StaffSite.StartAsync(azurite);
        using var staff = await site.SignedInClientAsync();
        var page = await staff.GetAsync("/staff/");
        var token = StaffSite.CsrfIn(await page.Content.ReadAsStringAsync());

        var signOut = await staff.PostAsync("/staff/signout", Form(("csrf", token)));
        var after = await staff.GetAsync("/staff/");

        Assert.Equal(StaffResult.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("Staff", true, HttpStatusCode.OK)]
    [InlineData("Reader", true, HttpStatusCode.Forbidden)]
    [InlineData("Staff", false, HttpStatusCode.Unauthorized)]
    public async Task InAzureThePlatformsPrincipalCountsOnlyWhenAuthenticationIsOnAndTheRoleIsStaff(string role, bool authEnabled, HttpStatusCode expected)
    {
        await using var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Staff:SignIn"] = StaffOptions.EasyAuth,
            ["WEBSITE_AUTH_ENABLED"] = authEnabled ? "True" : null,
        });
        using var client = site.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/staff/");
        request.Headers.Add(EasyAuthPrincipal.Header, Principal("kari@example.org", role));

        var answer = await client.SendAsync(request);

        Assert.Equal(expected, answer.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("Signed in as kari@example.org", await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task InAzureSomeoneNotSignedInIsSentToTheEntraIdSignIn()
    {
        await using var site = await StaffSite.StartAsync(azurite, new Dictionary<string, string?> { ["Staff:SignIn"] = StaffOptions.EasyAuth, ["WEBSITE_AUTH_ENABLED"] = "True" });
        using var client = site.NewClient();

        var answer = await client.GetAsync("/staff/stories/abc?x=1");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff%2Fstories%2Fabc%3Fx%3D1", answer.Headers.Location!.OriginalString);
    }

    internal static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

    /// <summary>The header App Service authentication sends for an Entra ID user.</summary>
    private static string Principal(string name, string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
        {"auth_typ":"aad","name_typ":"preferred_username","role_typ":"roles","claims":[
          {"typ":"preferred_username","val":"{{name}}"},
          {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0000-1111"},
          {"typ":"roles","val":"{{role}}"}]}
        """));
}
