using System.Net;
using System.Security.Cryptography;
using System.Text;
using CampaignFlow.Delivery;
using CampaignFlow.Subscribers;
using CampaignFlow.Tests.Support;
using CampaignFlow.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Web;

/// <summary>The public endpoints on a real Kestrel (as the local host serves them), against Azurite, mail to the outbox.</summary>
public sealed class SubscriptionHandlersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private sealed class Site : IAsyncDisposable
    {
        public required WebApplication App { get; init; }
        public required ServiceProvider Services { get; init; }
        public required HttpClient Http { get; init; }
        public required FakeTimeProvider Clock { get; init; }
        public required string Outbox { get; init; }
        public required ECDsa WebhookKey { get; init; }
        public required LogCapture Logs { get; init; }
        public ISubscriberStore Store => Services.GetRequiredService<ISubscriberStore>();
        public TokenService Tokens => Services.GetRequiredService<TokenService>();

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
            await Services.DisposeAsync();
            WebhookKey.Dispose();
        }
    }

    private async Task<Site> StartAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var outbox = Path.Combine(Path.GetTempPath(), "campaignflow-tests", Guid.NewGuid().ToString("n"));
        var logs = new LogCapture();
        var services = azurite.Services(
            new Dictionary<string, string?>
            {
                ["Email:OutboxDirectory"] = outbox,
                ["Email:PublicBaseUrl"] = "https://alerts.example.org",
                ["SendGrid:WebhookVerificationKey"] = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()),
            },
            s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.GetRequiredService<SubscriptionHandlers>());
        var app = builder.Build();
        app.MapCampaignFlowEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Site { App = app, Services = services, Http = new HttpClient { BaseAddress = new Uri(address) }, Clock = clock, Outbox = outbox, WebhookKey = key, Logs = logs };
    }

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
        var confirm = site.Tokens.Create(SubscriptionHandlers.ConfirmPurpose, subscriber.Id, SubscriptionHandlers.ConfirmLifetime);
        site.Clock.Advance(SubscriptionHandlers.ConfirmLifetime + TimeSpan.FromMinutes(1));
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

    private static HttpRequestMessage Webhook(Site site, string body, long timestamp, bool forge = false)
    {
        var signature = site.WebhookKey.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (forge)
        {
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            signature = other.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SendGridEventVerifier.SignatureHeader, Convert.ToBase64String(signature));
        request.Headers.Add(SendGridEventVerifier.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

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

        var trap = await site.Http.PostAsync("/api/subscribe", Form(("email", bot), (SubscriptionHandlers.Honeypot, "http://spam.example")));

        Assert.Equal(HttpStatusCode.Accepted, trap.StatusCode);
        Assert.Null(await site.Store.GetAsync(EmailAddress.Key(bot)));
        Assert.False(Directory.Exists(site.Outbox) && Directory.GetFiles(site.Outbox).Length > 0);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SubscriptionHandlers.PerIpPerHour + 1; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = Form(("email", Address())) };
            // A bot rotating a forged first entry: the front end's appended (last) entry is what counts.
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i}, 203.0.113.7");
            statuses.Add((await site.Http.SendAsync(request)).StatusCode);
        }
        var address = Address();
        var perAddress = new List<HttpStatusCode>();
        for (var i = 0; i < SubscriptionHandlers.PerAddressPerDay + 1; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe") { Content = Form(("email", address)) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            perAddress.Add((await site.Http.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, perAddress[^1]);
        Assert.Equal(SubscriptionHandlers.PerAddressPerDay, Directory.GetFiles(site.Outbox, $"confirm-{EmailAddress.Key(address)}-*.eml").Length);
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
        for (var i = 0; i < SubscriptionHandlers.PerIpPerHour + 1; i++)
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

        var rows = await azurite.Tables.GetTableClient(CampaignFlow.Storage.TableNames.RateLimits).QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
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
        await site.Http.PostAsync("/api/confirm", Form(("token", site.Tokens.Create(SubscriptionHandlers.ConfirmPurpose, id, TimeSpan.FromHours(1)))));
        var now = site.Clock.GetUtcNow().ToUnixTimeSeconds();
        await site.Http.SendAsync(Webhook(site, $$"""[{"email":"{{address}}","event":"spamreport","timestamp":1}]""", now));
        await site.Http.SendAsync(Webhook(site, "[]", now, forge: true));
        await site.Http.PostAsync($"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, id))}", Form(("List-Unsubscribe", "One-Click")));

        Assert.Contains(site.Logs.Lines, l => l.Contains(id));
        Assert.Contains(site.Logs.Lines, l => l.Contains("webhook refused"));
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains(address.Split('@')[0], StringComparison.OrdinalIgnoreCase));
    }
}
