using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignFlow.Classification;
using CampaignFlow.Delivery;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using CampaignFlow.Web.Pages;
using CampaignFlow.Web.Subscriptions;
using CampaignFlow.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using CampaignFlow.Azure.Published;
using CampaignFlow.Azure.Storage;

namespace CampaignFlow.Tests.Functional.Web;

/// <summary>
/// The public HTTP functions through the Functions worker's own ASP.NET Core pipeline and container
/// (<see cref="FunctionsWorkerSite"/>), against Azurite, mail to the outbox.
/// </summary>
public sealed class SubscriptionFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<SubscriberSite> StartAsync(IDictionary<string, string?>? settings = null) => SubscriberSite.StartAsync(azurite, settings);

    private static string Address() => $"visitor-{Guid.NewGuid():n}@example.org";

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

    private static string TokenIn(string text, string path)
    {
        var start = text.IndexOf(path + "?token=", StringComparison.Ordinal) + path.Length + 7;
        var end = text.IndexOfAny([' ', '\n', '\r', '"', '<'], start);
        return WebUtility.UrlDecode(WebUtility.HtmlDecode(text[start..end]));
    }

    [Fact]
    public async Task DoubleOptInSendsAConfirmationWithoutVisitorTextAndActivatesOnlyOnConfirm()
    {
        await using var site = await StartAsync();
        var address = Address();

        var response = await site.Http.PostAsync("/api/subscribe", Form(("email", address), ("name", "<b>Click http://evil.example</b>"), ("language", "no"), ("topics", "diplomatic-conference")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var subscriber = await site.Store.GetAsync(EmailAddress.Key(address));
        Assert.Equal(SubscriberStatus.Pending, subscriber!.Status);
        var mail = File.ReadAllText(Assert.Single(Directory.GetFiles(site.Outbox, "confirm-*.eml")));
        Assert.DoesNotContain("evil", mail);
        Assert.Contains("Bekreft", mail);
        var token = TokenIn(File.ReadAllText(Assert.Single(Directory.GetFiles(site.Outbox, "confirm-*.html"))), "/api/confirm");

        var page = await site.Http.GetStringAsync($"/api/confirm?token={Uri.EscapeDataString(token)}");
        Assert.Contains("<form method=\"post\"", page);
        Assert.Equal(SubscriberStatus.Pending, (await site.Store.GetAsync(subscriber.Id))!.Status);

        var confirmed = await site.Http.PostAsync("/api/confirm", Form(("token", token)));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var active = await site.Store.GetAsync(subscriber.Id);
        Assert.Equal((SubscriberStatus.Active, "no"), (active!.Status, active.Language));
        Assert.Equal(["diplomatic-conference"], active.Topics);
        Assert.Contains("double opt-in", active.ConsentSource);
    }

    [Fact]
    public async Task RejectsTamperedExpiredAndWrongPurposeTokens()
    {
        await using var site = await StartAsync();
        var subscriber = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(subscriber);
        var unsubscribe = site.Tokens.Create(AlertComposer.UnsubscribePurpose, subscriber.Id);
        var tampered = unsubscribe.Replace(subscriber.Id, Subscriber.Create(Address()).Id);
        var preferences = site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromHours(1));
        var confirm = site.Tokens.Create(ConfirmationLinks.Purpose, subscriber.Id, ConfirmationLinks.Lifetime);
        site.Clock.Advance(ConfirmationLinks.Lifetime + TimeSpan.FromMinutes(1));
        var oneClick = Form(("List-Unsubscribe", "One-Click"));

        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(tampered)}", oneClick)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(preferences)}", Form(("List-Unsubscribe", "One-Click")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync($"/api/preferences?token={Uri.EscapeDataString(preferences)}")).StatusCode); // expired
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.PostAsync("/api/confirm", Form(("token", confirm)))).StatusCode); // expired
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Http.GetAsync($"/api/preferences?token={Uri.EscapeDataString(unsubscribe)}")).StatusCode); // purpose
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(subscriber.Id))!.Status);
    }

    [Fact]
    public async Task OneClickPostUnsubscribesAtOnceAndTheGetPageOnlyAsks()
    {
        await using var site = await StartAsync();
        var subscriber = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active };
        await site.Store.UpsertAsync(subscriber);
        var url = $"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, subscriber.Id))}";

        var page = await site.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(subscriber.Id))!.Status);

        var post = await site.Http.PostAsync(url, new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Store.GetAsync(subscriber.Id))!.Status);
    }

    [Fact]
    public async Task PreferencesFormShowsEscapedValuesAndSavesChanges()
    {
        await using var site = await StartAsync();
        var subscriber = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active, Name = "<script>x</script>" };
        await site.Store.UpsertAsync(subscriber);
        var token = site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromDays(1));

        var page = await site.Http.GetStringAsync($"/api/preferences?token={Uri.EscapeDataString(token)}");
        var saved = await site.Http.PostAsync("/api/preferences", Form(("token", token), ("language", "es"), ("topics", "stockpile-destruction, victim-assistance"), ("regions", ""), ("cadence", "daily")));

        Assert.DoesNotContain("<script>x", page);
        Assert.Contains("&lt;script&gt;x", page);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await site.Store.GetAsync(subscriber.Id);
        Assert.Equal(("es", Cadence.DailyDigest), (after!.Language, after.Cadence));
        Assert.Equal(["stockpile-destruction", "victim-assistance"], after.Topics);
    }

    private static HttpRequestMessage Webhook(SubscriberSite site, string body, long timestamp, bool forge = false) => site.Webhook(body, timestamp, forge);

    [Fact]
    public async Task WebhookWithAValidSignatureSuppressesAndForgedOrStaleOnesAreRefused()
    {
        await using var site = await StartAsync();
        var bounced = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active };
        var forged = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active };
        var stale = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active };
        foreach (var s in new[] { bounced, forged, stale })
        {
            await site.Store.UpsertAsync(s);
        }
        string Events(Subscriber s, string type) => $$"""[{"email":"{{s.Email}}","event":"{{type}}","timestamp":1},{"email":"{{s.Email}}","event":"open","timestamp":2}]""";
        var now = site.Clock.GetUtcNow().ToUnixTimeSeconds();

        var ok = await site.Http.SendAsync(Webhook(site, Events(bounced, "bounce"), now));
        var forgery = await site.Http.SendAsync(Webhook(site, Events(forged, "spamreport"), now, forge: true));
        var old = await site.Http.SendAsync(Webhook(site, Events(stale, "dropped"), now - 3600));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var after = await site.Store.GetAsync(bounced.Id);
        Assert.Equal((SubscriberStatus.Suppressed, "bounce"), (after!.Status, after.StatusReason));
        Assert.Equal(HttpStatusCode.Unauthorized, forgery.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(forged.Id))!.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(SubscriberStatus.Active, (await site.Store.GetAsync(stale.Id))!.Status);
    }

    [Fact]
    public async Task AFilledHoneypotCreatesNothingAndSignUpsFromOneAddressAreRateLimited()
    {
        await using var site = await StartAsync();
        var bot = Address();

        var trap = await site.Http.PostAsync("/api/subscribe", Form(("email", bot), (SignUpPage.Honeypot, "http://spam.example")));

        Assert.Equal(HttpStatusCode.Accepted, trap.StatusCode);
        Assert.Null(await site.Store.GetAsync(EmailAddress.Key(bot)));
        Assert.False(Directory.Exists(site.Outbox) && Directory.GetFiles(site.Outbox).Length > 0);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignUpService.PerNetworkPerHour + 1; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = Form(("email", Address())) };
            // A bot rotating a forged first entry: the front end's appended (last) entry is what counts.
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i}, 203.0.113.7");
            statuses.Add((await site.Http.SendAsync(request)).StatusCode);
        }
        var address = Address();
        var perAddress = new List<HttpStatusCode>();
        for (var i = 0; i < SignUpService.PerAddressPerDay + 1; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = Form(("email", address)) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            perAddress.Add((await site.Http.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, perAddress[^1]);
        Assert.Equal(SignUpService.PerAddressPerDay, Directory.GetFiles(site.Outbox, $"confirm-{EmailAddress.Key(address)}-*.eml").Length);
    }

    private static HttpRequestMessage SignUp(string address, string ip)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = Form(("email", address)) };
        request.Headers.Add("X-Forwarded-For", ip);
        return request;
    }

    [Fact]
    public async Task TwoInstancesShareOneSignUpLimitPerIp()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignUpService.PerNetworkPerHour + 1; i++)
        {
            statuses.Add((await (i % 2 == 0 ? first : second).Http.SendAsync(SignUp(Address(), "192.0.2.10"))).StatusCode);
        }

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheRateLimitTableHoldsNoIpOrAddress()
    {
        await using var site = await StartAsync();
        var address = Address();

        Assert.Equal(HttpStatusCode.Accepted, (await site.Http.SendAsync(SignUp(address, "192.0.2.20"))).StatusCode);

        var rows = await azurite.Tables.GetTableClient(TableNames.RateLimits).QueryAsync<global::Azure.Data.Tables.TableEntity>().ToListAsync();
        var stored = string.Join("\n", rows.SelectMany(r => r.Select(p => $"{p.Key}={p.Value}")));
        Assert.NotEmpty(rows);
        Assert.DoesNotContain("192.0.2.20", stored);
        Assert.DoesNotContain(address.Split('@')[0], stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EmailAddress.Key(address), stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NoAddressReachesTheLogsThroughSignUpConfirmUnsubscribeOrTheWebhook()
    {
        await using var site = await StartAsync();
        var address = Address();
        await site.Http.PostAsync("/api/subscribe", Form(("email", address), ("name", "Visitor")));
        var id = EmailAddress.Key(address);
        await site.Http.PostAsync("/api/confirm", Form(("token", site.Tokens.Create(ConfirmationLinks.Purpose, id, TimeSpan.FromHours(1)))));
        var now = site.Clock.GetUtcNow().ToUnixTimeSeconds();
        await site.Http.SendAsync(Webhook(site, $$"""[{"email":"{{address}}","event":"spamreport","timestamp":1}]""", now));
        await site.Http.SendAsync(Webhook(site, "[]", now, forge: true));
        await site.Http.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, id))}", Form(("List-Unsubscribe", "One-Click")));

        Assert.Contains(site.Logs.Lines, l => l.Contains(id));
        Assert.Contains(site.Logs.Lines, l => l.Contains("webhook refused"));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(address.Split('@')[0], StringComparison.OrdinalIgnoreCase));
    }
}
