using System.Net;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web.Http;
using CampaignFlow.Web.Subscriptions;
using static CampaignFlow.Tests.Support.SubscriberSite;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// Sign-up, confirm, preferences and unsubscribe through the HTTP functions as the Functions worker serves them: the
/// client address after its forwarded-headers middleware, records nobody confirmed, headers and logs.
/// </summary>
public sealed class SubscriberSafetyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ASignUpForAPendingOrUnsubscribedAddressChangesNothingUntilItsOwnerConfirms()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var (pending, left) = (NewAddress(), NewAddress());
        await site.Store.UpsertAsync(Subscriber.Create(pending) with { Name = "Kari", Language = "no", Topics = ["clearance"] });
        await site.Store.UpsertAsync(Subscriber.Create(left) with { Status = SubscriberStatus.Unsubscribed, Name = "Ana", Language = "es", Regions = ["europe"] });

        foreach (var address in new[] { pending, left })
        {
            var answer = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address), ("name", "Mallory"), ("language", "fr"), ("topics", "financing"), ("regions", "asia"))));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        var kari = await site.Store.GetAsync(EmailAddress.Key(pending));
        Assert.Equal(("Kari", "no", SubscriberStatus.Pending), (kari!.Name, kari.Language, kari.Status));
        Assert.Equal(["clearance"], kari.Topics);
        var ana = await site.Store.GetAsync(EmailAddress.Key(left));
        Assert.Equal(("Ana", "es", SubscriberStatus.Unsubscribed), (ana!.Name, ana.Language, ana.Status));
        Assert.Equal(["europe"], ana.Regions);

        // The owner of the mailbox confirms: now the choices of that sign-up apply.
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        var confirmed = await site.Http.PostAsync("/api/confirm", Form(("token", site.LatestConfirmToken(ana.Id))));
        var after = await site.Store.GetAsync(ana.Id);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(("Mallory", "fr", SubscriberStatus.Active), (after!.Name, after.Language, after.Status));
        Assert.Equal(["financing"], after.Topics);
        Assert.Equal(["asia"], after.Regions);
    }

    [Fact]
    public async Task AConfirmLinkIssuedBeforeAnUnsubscribeDoesNotReactivateButAFreshSignUpDoes()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var address = NewAddress();
        var id = EmailAddress.Key(address);
        await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address))));
        var oldLink = site.LatestConfirmToken(id);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.PostAsync("/api/confirm", Form(("token", oldLink)))).StatusCode);
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        var unsubscribe = $"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, id))}";
        Assert.Equal(HttpStatusCode.OK, (await site.Http.PostAsync(unsubscribe, Form(("List-Unsubscribe", "One-Click")))).StatusCode);
        site.Clock.Advance(TimeSpan.FromMinutes(5));

        var replayedPage = await site.Http.GetAsync($"/api/confirm?token={Uri.EscapeDataString(oldLink)}");
        var replayed = await site.Http.PostAsync("/api/confirm", Form(("token", oldLink)));

        Assert.Equal(HttpStatusCode.BadRequest, replayedPage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Store.GetAsync(id))!.Status);

        await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address))));
        site.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await site.Http.PostAsync("/api/confirm", Form(("token", site.LatestConfirmToken(id))));

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task ForgedForwardedForEntriesDoNotEscapeThePerNetworkLimit()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= SignUpService.PerNetworkPerHour; i++)
        {
            // The client writes X-Forwarded-For: 192.0.2.i; Azure's front end appends the address it saw.
            statuses.Add((await site.Http.SendAsync(Post("/api/subscribe", Form(("email", NewAddress())), $"192.0.2.{i}, 203.0.113.50"))).StatusCode);
        }

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task IPv6ClientsOfOneSlash64ShareOneLimitAndOtherNetworksAreNotBlocked()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= SignUpService.PerNetworkPerHour + 1; i++)
        {
            statuses.Add((await site.Http.SendAsync(Post("/api/subscribe", Form(("email", NewAddress())), $"2001:db8:77:1:{i:x}::{i:x}"))).StatusCode);
        }
        var neighbour = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", NewAddress())), "2001:db8:77:2::1"));

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Accepted, neighbour.StatusCode);
    }

    [Fact]
    public async Task EveryPageCarriesTheSecurityHeadersAndTokenPagesAreNeverCached()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var subscriber = Subscriber.Create(NewAddress()) with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(subscriber);
        var pages = new[]
        {
            "/api/subscribe",
            $"/api/preferences?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromDays(1)))}",
            $"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, subscriber.Id))}",
            "/api/confirm?token=broken",
        };

        foreach (var page in pages)
        {
            using var response = await site.Http.GetAsync(page);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.CacheControl?.NoStore, page);
        }
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(";", (await site.Http.GetAsync("/api/subscribe")).Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task NoTokenAndNoAddressReachAnyLogLineFromSignUpToUnsubscribe()
    {
        await using var site = await SubscriberSite.StartAsync(azurite);
        var address = NewAddress();
        var id = EmailAddress.Key(address);

        await site.Http.SendAsync(Post("/api/subscribe", Form(("email", address), ("name", "Visitor"))));
        var confirm = site.LatestConfirmToken(id);
        await site.Http.GetAsync($"/api/confirm?token={Uri.EscapeDataString(confirm)}");
        var confirmed = await (await site.Http.PostAsync("/api/confirm", Form(("token", confirm)))).Content.ReadAsStringAsync();
        var preferences = TokenIn(confirmed, "/api/preferences");
        await site.Http.GetAsync($"/api/preferences?token={Uri.EscapeDataString(preferences)}");
        await site.Http.PostAsync($"/api/preferences?token={Uri.EscapeDataString(preferences)}", Form(("token", preferences), ("cadence", "daily")));
        var unsubscribe = site.Tokens.Create(AlertComposer.UnsubscribePurpose, id);
        await site.Http.GetAsync($"/api/unsubscribe?token={Uri.EscapeDataString(unsubscribe)}");
        await site.Http.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(unsubscribe)}", Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Store.GetAsync(id))!.Status);
        Assert.Contains(site.Logs.Lines, l => l.Contains($"Subscriber {id} unsubscribed", StringComparison.Ordinal));
        var signatures = new[] { confirm, preferences, unsubscribe }.Select(t => t.Split('.')[^1]).ToList();
        foreach (var line in site.Logs.Lines)
        {
            Assert.DoesNotContain(address.Split('@')[0], line, StringComparison.OrdinalIgnoreCase);
            Assert.All(signatures, s => Assert.DoesNotContain(s, line, StringComparison.Ordinal));
            Assert.DoesNotContain("token=", line, StringComparison.Ordinal);
        }
    }
}
