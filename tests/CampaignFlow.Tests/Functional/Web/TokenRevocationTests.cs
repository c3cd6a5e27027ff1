using System.Net;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CampaignFlow.Tests.Support.SubscriberSite;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>Staff revoke one person's links (their token version) through the HTTP functions as the worker serves them.</summary>
public sealed class TokenRevocationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RevokingOnePersonsLinksStopsTheLinksInTheirMailsAndNobodyElses()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var composer = site.Services.GetRequiredService<AlertComposer>();
        var (address, other) = (NewAddress(), NewAddress());
        await site.Store.UpsertAsync(Subscriber.Create(address) with { Status = SubscriberStatus.Active });
        await site.Store.UpsertAsync(Subscriber.Create(other) with { Status = SubscriberStatus.Active });
        var mailed = composer.Recipient((await site.Store.GetAsync(EmailAddress.Key(address)))!, "story");
        var (oldPreferences, oldUnsubscribe) = (mailed.Substitutions[AlertComposer.PreferencesTag], mailed.Substitutions[AlertComposer.UnsubscribeTag]);
        var othersLink = composer.Recipient((await site.Store.GetAsync(EmailAddress.Key(other)))!, "story").Substitutions[AlertComposer.PreferencesTag];
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(Path(oldPreferences))).StatusCode);

        Assert.True(await site.Services.GetRequiredService<SubscriberAdmin>().RevokeLinksAsync(address));

        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync(Path(oldPreferences))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.PostAsync(Path(oldUnsubscribe), Form(("List-Unsubscribe", "One-Click")))).StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(EmailAddress.Key(address)))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(Path(othersLink))).StatusCode);
        var renewed = composer.Recipient((await site.Store.GetAsync(EmailAddress.Key(address)))!, "story").Substitutions[AlertComposer.PreferencesTag];
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(Path(renewed))).StatusCode);
    }

    private static string Path(string url) => new Uri(url).PathAndQuery;
}
