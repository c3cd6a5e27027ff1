using System.Net;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using CampaignFlow.Web.Subscriptions;
using static CampaignFlow.Tests.Support.SubscriberSite;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>The subscriber pages as a person meets them, through the HTTP functions as the Functions worker serves them.</summary>
public sealed class SubscriberPagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AnErrorShowsTheSameFormWithWhatWasTypedAndTheErrorBesideTheFieldAndTyposAreNotCounted()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        const string network = "203.0.113.90";
        var typos = new List<HttpResponseMessage>();
        foreach (var typo in new[] { "a@b", "user@localhost", "name@example.", "not an address" })
        {
            typos.Add(await site.Http.SendAsync(Post("/api/subscribe", Form(("email", typo), ("name", "Kari"), ("language", "no"), ("topics", "clearance"), ("cadence", "daily")), network)));
        }
        var longName = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", NewAddress()), ("name", new string('x', ChoiceApplier.MaxNameLength + 1))), network));
        for (var i = 0; i < SignUpService.PerNetworkPerHour - 1; i++)
        {
            await site.Http.SendAsync(Post("/api/subscribe", Form(("email", "typo@nodot")), network));
        }
        var real = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", NewAddress())), network));

        Assert.All(typos, t => Assert.Equal(HttpStatusCode.BadRequest, t.StatusCode));
        var page = WebUtility.HtmlDecode(await typos[0].Content.ReadAsStringAsync());
        Assert.Contains("<p class=\"error\" id=\"email-error\">" + PageText.Norwegian.InvalidEmail + "</p>", page);
        Assert.Contains("value=\"a@b\" aria-invalid=\"true\" aria-describedby=\"email-error\"", page);
        Assert.Contains("<input id=\"name\" name=\"name\" value=\"Kari\"", page);
        Assert.Contains("value=\"clearance\" checked />", page);
        Assert.Contains("<option value=\"daily\" selected>", page);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("id=\"name-error\">" + PageText.English.NameTooLong, WebUtility.HtmlDecode(await longName.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        Assert.Single(Directory.GetFiles(site.Outbox, "confirm-*.eml"));
    }

    [Fact]
    public async Task ANameCanBeRemovedAndATooLongOneIsRefusedWithTheFormKept()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var subscriber = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Active, Name = "Old Name" };
        await site.Store.UpsertAsync(subscriber);
        var token = site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromDays(1));
        var tooLong = new string('y', ChoiceApplier.MaxNameLength + 1);

        var refused = await site.Http.PostAsync("/api/preferences", Form(("token", token), ("name", tooLong), ("cadence", "daily")));
        var unchanged = await site.Store.GetAsync(subscriber.Id);
        var removed = await site.Http.PostAsync("/api/preferences", Form(("token", token), ("name", ""), ("cadence", "instant")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{tooLong}\"", html);
        Assert.Contains("id=\"name-error\"", html);
        Assert.Equal(("Old Name", Cadence.Instant), (unchanged!.Name, unchanged.Cadence));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Null((await site.Store.GetAsync(subscriber.Id))!.Name);
    }

    [Fact]
    public async Task AfterUnsubscribingTheLinksInTheSameMailSaySoAndOfferToSubscribeAgain()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var subscriber = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Active, Language = "es" };
        await site.Store.UpsertAsync(subscriber);
        var unsubscribe = $"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, subscriber.Id))}";
        var preferences = $"/api/preferences?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromDays(1)))}";

        var done = await site.Http.PostAsync(unsubscribe, Form(("List-Unsubscribe", "One-Click")));
        var again = await site.Http.GetAsync(unsubscribe);
        var prefs = await site.Http.GetAsync(preferences);

        var doneHtml = WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"subscribe?lang=es\">" + PageText.Spanish.SubscribeAgain + "</a>", doneHtml);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againHtml = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains(PageText.Spanish.AlreadyUnsubscribed, againHtml);
        Assert.DoesNotContain("<form", againHtml);
        Assert.Equal(HttpStatusCode.OK, prefs.StatusCode);
        var prefsHtml = WebUtility.HtmlDecode(await prefs.Content.ReadAsStringAsync());
        Assert.Contains(PageText.Spanish.PreferencesAfterUnsubscribe, prefsHtml);
        Assert.DoesNotContain(PageText.Spanish.PreferencesLinkNotValid, prefsHtml);
    }

    [Fact]
    public async Task PagesAnswerHeadAndARegionalLanguageTagReadsAsItsLanguage()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var address = NewAddress();

        using var head = await site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/subscribe?lang=fr"));
        var signUp = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address), ("language", "fr-CA"))));
        var form = await site.Http.GetStringAsync("/api/subscribe");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        Assert.Equal("fr", (await site.Store.GetAsync(EmailAddress.Key(address)))!.Language);
        Assert.Contains(PageText.French.CheckInbox, WebUtility.HtmlDecode(await signUp.Content.ReadAsStringAsync()));
        Assert.Contains(PageText.English.NoRegionGoesToEveryone, form);
    }
}
