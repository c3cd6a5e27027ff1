using System.Net;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using CampaignFlow.Web.Subscriptions;
using static CampaignFlow.Tests.Support.SubscriberSite;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// What reaches the mailbox after each step a subscriber takes (already subscribed, welcome, fresh links), through the
/// HTTP functions as the Functions worker serves them, against Azurite, with the outbox as the mailbox.
/// </summary>
public sealed class SubscriberMailFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string[] Mails(SubscriberSite site, string pattern) =>
        Directory.Exists(site.Outbox) ? Directory.GetFiles(site.Outbox, pattern) : [];

    [Fact]
    public async Task AnAlreadySubscribedAddressGetsTheSamePageAndAMailWithItsPreferenceCentreNotAConfirmLink()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var active = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Active, Name = "Kari", Language = "no", Topics = ["clearance"] };
        await site.Store.UpsertAsync(active);
        var stranger = NewAddress();

        var forActive = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", active.Email), ("name", "Other"), ("language", "fr"), ("topics", "financing"))));
        var forNew = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", stranger), ("name", "Other"), ("language", "fr"), ("topics", "financing"))));

        // The page reveals nothing: the same status and the same words as for an address nobody had subscribed.
        Assert.Equal(HttpStatusCode.Accepted, forActive.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forActive.Content.ReadAsStringAsync());
        Assert.Empty(Mails(site, $"confirm-{active.Id}-*.eml"));
        var mail = Assert.Single(Mails(site, $"already-{active.Id}-*.html"));
        var html = WebUtility.HtmlDecode(await File.ReadAllTextAsync(mail));
        Assert.Contains("Vous êtes déjà abonné", html);
        Assert.Contains("https://alerts.example.org/api/preferences?token=", html);
        Assert.DoesNotContain("/api/confirm", html);
        var stored = await site.Store.GetAsync(active.Id);
        Assert.Equal(("Kari", "no", SubscriberStatus.Active), (stored!.Name, stored.Language, stored.Status));
        Assert.Equal(["clearance"], stored.Topics);

        // Its preference centre link opens the owner's preferences, where the new choices can be made.
        var preferences = await site.Http.GetAsync("/api/preferences?token=" + Uri.EscapeDataString(TokenIn(html, "/api/preferences")));
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        Assert.Contains("name=\"topics\" value=\"clearance\" checked", await preferences.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABrokenLinkOffersAFreshLinkThatAnswersAlikeForEveryAddressAndIsRateLimited()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        const string network = "203.0.113.44";
        var active = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Active, Language = "es" };
        var pending = Subscriber.Create(NewAddress()) with { Language = "fr", Topics = ["clearance"] };
        var left = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Unsubscribed };
        foreach (var subscriber in new[] { active, pending, left })
        {
            await site.Store.UpsertAsync(subscriber);
        }

        var broken = await site.Http.GetAsync("/api/unsubscribe?token=broken&lang=no");
        var brokenHtml = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        var typo = await site.Http.SendAsync(Post("/api/link?lang=no", Form(("email", "kari@localhost")), network));
        var answers = new List<string>();
        foreach (var address in new[] { active.Email, pending.Email, left.Email, NewAddress(), active.Email, active.Email, active.Email })
        {
            var answer = await site.Http.SendAsync(Post("/api/link?lang=no", Form(("email", address)), network));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            answers.Add(await answer.Content.ReadAsStringAsync());
        }
        for (var i = answers.Count; i < FreshLinkService.PerNetworkPerHour; i++)
        {
            await site.Http.SendAsync(Post("/api/link", Form(("email", NewAddress())), network));
        }
        var tooMany = await site.Http.SendAsync(Post("/api/link", Form(("email", active.Email)), network));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains(PageText.Norwegian.UnsubscribeLinkNotValid, brokenHtml);
        Assert.Contains("<form method=\"post\" action=\"link?lang=no\">", brokenHtml);
        Assert.Contains(PageText.Norwegian.FreshLinkIntro, brokenHtml);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("value=\"kari@localhost\" aria-invalid=\"true\"", await typo.Content.ReadAsStringAsync());
        // Subscribed, pending, unsubscribed, unknown, over the address's limit: one answer, word for word.
        Assert.Single(answers.Distinct());
        Assert.Contains(PageText.Norwegian.FreshLinkSent, WebUtility.HtmlDecode(answers[0]));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        // Only the mailbox learns: links for the subscriber (three a day at most), a new confirm link for the pending one.
        var links = Mails(site, $"links-{active.Id}-*.html");
        Assert.Equal(FreshLinkService.PerAddressPerDay, links.Length);
        Assert.Single(Mails(site, $"confirm-{pending.Id}-*.html"));
        Assert.Empty(Mails(site, $"*{left.Id}*"));
        var mail = await File.ReadAllTextAsync(links[0]);
        Assert.Contains("Sus enlaces nuevos", WebUtility.HtmlDecode(mail));
        var unsubscribe = await site.Http.GetAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(TokenIn(mail, "/api/unsubscribe")));
        Assert.Contains(PageText.Spanish.UnsubscribeButton, WebUtility.HtmlDecode(await unsubscribe.Content.ReadAsStringAsync()));
        var confirm = await site.Http.PostAsync("/api/confirm", Form(("token", site.LatestConfirmToken(pending.Id))));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(["clearance"], (await site.Store.GetAsync(pending.Id))!.Topics);
    }

    [Fact]
    public async Task ConfirmingSendsAWelcomeWhosePreferenceCentreNamesItsAddressMaskedAndOffersToUnsubscribe()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var address = $"marie-{Guid.NewGuid():n}@example.fr";
        var id = EmailAddress.Key(address);

        await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address), ("language", "fr"))));
        var confirmed = await site.Http.PostAsync("/api/confirm", Form(("token", site.LatestConfirmToken(id))));
        var welcome = await File.ReadAllTextAsync(Assert.Single(Mails(site, $"welcome-{id}.html")));
        var centre = await site.Http.GetAsync("/api/preferences?token=" + Uri.EscapeDataString(TokenIn(welcome, "/api/preferences")));
        var centreHtml = WebUtility.HtmlDecode(await centre.Content.ReadAsStringAsync());
        var unsubscribeLink = TokenIn(centreHtml, "unsubscribe");
        var unsubscribe = await site.Http.GetAsync("/api/unsubscribe?token=" + Uri.EscapeDataString(unsubscribeLink));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Bienvenue", WebUtility.HtmlDecode(welcome));
        Assert.Equal(HttpStatusCode.OK, centre.StatusCode);
        Assert.Contains(PageText.French.AlertsSentTo + " <strong>m\u2022\u2022\u2022@example.fr</strong>", centreHtml);
        Assert.DoesNotContain(address, centreHtml);
        Assert.Contains(">" + PageText.French.UnsubscribeFromAll + "</a>", centreHtml);
        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.Contains(PageText.French.UnsubscribeButton, WebUtility.HtmlDecode(await unsubscribe.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnInternationalisedDomainSignsUpAsOneSubscriberAndUnknownPagesAreAFriendly404()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var mailbox = $"ana-{Guid.NewGuid():n}";

        var signUp = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", mailbox + "@Bücher.example"))));
        var missing = await site.Http.GetAsync("/api/subscribe/extra?lang=es");
        using var head = await site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/link?lang=fr"));
        var form = await site.Http.GetAsync("/api/subscribe");

        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var stored = await site.Store.GetAsync(EmailAddress.Key(mailbox + "@xn--bcher-kva.example"));
        Assert.Equal(mailbox + "@xn--bcher-kva.example", stored!.Email);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        var missingHtml = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains(PageText.Spanish.NotFoundTitle, missingHtml);
        Assert.Contains("<a href=\"/api/subscribe?lang=es\">", missingHtml);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
