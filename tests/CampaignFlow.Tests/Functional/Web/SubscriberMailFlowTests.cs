using System.Net;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
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
}
