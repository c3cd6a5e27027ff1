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

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static string LangOf(string html) => Regex.Match(html, "^<!DOCTYPE html>\\s*<html lang=\"([^\"]*)\">").Groups[1].Value;

    private static string[] Values(string html, string name, bool checkedOnly = false) =>
        [.. Regex.Matches(html, $"<input type=\"checkbox\" name=\"{name}\" value=\"([^\"]+)\"( checked)? />").Where(m => !checkedOnly || m.Groups[2].Success).Select(m => m.Groups[1].Value)];

    private static string DefaultRulesWith(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(RuleSetLoader.ReadDefaultJson())!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static async Task<Subscriber> ActiveAsync(SubscriberSite site, string language = "en", string[]? topics = null, string[]? regions = null)
    {
        var subscriber = Subscriber.Create(Address()) with { Status = SubscriberStatus.Active, Language = language, Topics = topics ?? [], Regions = regions ?? [] };
        await site.Store.UpsertAsync(subscriber);
        return subscriber;
    }

    private static string PreferencesToken(SubscriberSite site, Subscriber subscriber) => site.Tokens.Create(AlertComposer.PreferencesPurpose, subscriber.Id, TimeSpan.FromDays(1));

    private static HttpRequestMessage Post(string path, HttpContent content, string? ip = null)
    {
        // Own documentation-range address per sign-up: the per-IP limit is shared by every test of this class.
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", ip ?? $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}");
        return request;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task TokenPagesOfANorwegianSubscriberAreInNorwegianWhateverTheBrowserAsksFor()
    {
        await using var site = await StartAsync();
        site.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var subscriber = await ActiveAsync(site, "no");
        var pending = Subscriber.Create(Address()) with { Language = "no" };
        await site.Store.UpsertAsync(pending);
        var confirmToken = site.Tokens.Create(ConfirmationLinks.Purpose, pending.Id, ConfirmationLinks.Lifetime);
        var unsubscribeUrl = $"/api/unsubscribe?token={Uri.EscapeDataString(site.Tokens.Create(AlertComposer.UnsubscribePurpose, subscriber.Id))}";

        var preferences = await site.Http.GetStringAsync($"/api/preferences?token={Uri.EscapeDataString(PreferencesToken(site, subscriber))}");
        var unsubscribe = await site.Http.GetStringAsync(unsubscribeUrl);
        var confirm = await site.Http.GetStringAsync($"/api/confirm?token={Uri.EscapeDataString(confirmToken)}");
        var confirmed = await site.Http.PostAsync("/api/confirm", Form(("token", confirmToken)));
        var unsubscribed = await site.Http.PostAsync(unsubscribeUrl, Form(("List-Unsubscribe", "One-Click")));

        Assert.Equal("no", LangOf(preferences));
        Assert.Contains("<title>Innstillinger for varslene dine — Nyhetsvarsler fra Cluster Munition Coalition</title>", Decoded(preferences));
        Assert.Contains("<legend>Emner</legend>", preferences);
        Assert.Contains("Kryss av for emnene og regionene du vil ha; krysser du ikke av for noen, får du alt.", Decoded(preferences));
        Assert.Contains("value=\"clearance\" /> Rydding av forurensede områder</label>", Decoded(preferences));
        Assert.Contains("value=\"middle-east\" /> Midtøsten</label>", Decoded(preferences));
        Assert.Contains("<option value=\"daily\">Et daglig sammendrag</option>", preferences);
        Assert.Equal("no", LangOf(unsubscribe));
        Assert.Contains("Vil du stoppe alle nyhetsvarsler fra Cluster Munition Coalition til denne adressen?", Decoded(unsubscribe));
        Assert.Contains("<button type=\"submit\">Meld meg av</button>", unsubscribe);
        Assert.Equal("no", LangOf(confirm));
        Assert.Contains("<button type=\"submit\">Bekreft</button>", confirm);
        var confirmedHtml = await confirmed.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode.OK, "no"), (confirmed.StatusCode, LangOf(confirmedHtml)));
        Assert.Contains("Takk: varslene dine er slått på.", Decoded(confirmedHtml));
        var unsubscribedHtml = await unsubscribed.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode.OK, "no"), (unsubscribed.StatusCode, LangOf(unsubscribedHtml)));
        Assert.Contains("Du får ikke flere varsler. Takk for støtten.", Decoded(unsubscribedHtml));
        Assert.Equal(SubscriberStatus.Unsubscribed, (await site.Store.GetAsync(subscriber.Id))!.Status);
        Assert.DoesNotContain("Your alert preferences", preferences);
        Assert.DoesNotContain("How often", preferences);
    }

    [Fact]
    public async Task SubscribeFormFollowsLangThenAcceptLanguageElseEnglish()
    {
        await using var site = await StartAsync();
        async Task<string> GetAsync(string path, string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (acceptLanguage is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
            }
            using var response = await site.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var plain = await GetAsync("/api/subscribe", null);
        var asked = await GetAsync("/api/subscribe?lang=fr", "es");
        var browser = await GetAsync("/api/subscribe?lang=de", "de-DE, es;q=0.8, fr;q=0.5");
        var bokmal = await GetAsync("/api/subscribe", "nb-NO,nb;q=0.9,en;q=0.5");
        var refused = await GetAsync("/api/subscribe", "fr;q=0, es;q=0.1");
        var garbage = await GetAsync("/api/subscribe", ";;q=x,,,");
        var answer = await site.Http.SendAsync(Post("/api/subscribe?lang=es", Form(("email", Address()), ("language", "fr"))));

        Assert.Equal("en", LangOf(plain));
        Assert.Contains("<h1>Subscribe to news alerts</h1>", plain);
        Assert.Contains("<option value=\"en\" selected>", plain);
        Assert.Equal("fr", LangOf(asked));
        Assert.Contains("<h1>S’abonner aux alertes d’actualité</h1>", Decoded(asked));
        Assert.Contains("<option value=\"fr\" selected>", asked);
        Assert.Contains("> Dépollution des zones contaminées</label>", Decoded(asked));
        Assert.Equal("es", LangOf(browser));
        Assert.Contains("<h1>Suscribirse a las alertas de noticias</h1>", browser);
        Assert.Contains("> América Latina y el Caribe</label>", Decoded(browser));
        Assert.Equal("no", LangOf(bokmal));
        Assert.Contains("<h1>Abonner på nyhetsvarsler</h1>", Decoded(bokmal));
        Assert.Equal("es", LangOf(refused));
        Assert.Equal("en", LangOf(garbage));
        // The answer to a sign-up is in the language chosen on the form.
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var answerHtml = await answer.Content.ReadAsStringAsync();
        Assert.Equal("fr", LangOf(answerHtml));
        Assert.Contains("Merci. Consultez votre boîte de réception pour confirmer.", Decoded(answerHtml));
    }

    [Fact]
    public async Task CheckboxesListThePublishedRuleSetsTopicsAndRegionsWithLabelsAndTickTheSavedOnes()
    {
        await using var site = await StartAsync(new Dictionary<string, string?>
        {
            ["Classification:UseBlobStorage"] = "true",
            ["Classification:ContainerName"] = "pages" + Guid.NewGuid().ToString("n")[..12],
        });
        // A published set without the financing topic: nobody can choose what it never assigns.
        await site.Services.GetRequiredService<BlobRuleSetStore>().PublishAsync(DefaultRulesWith(o =>
        {
            o["version"] = "pages-no-financing";
            o["topics"]!.AsObject().Remove("financing");
            o["labels"]!["topics"]!.AsObject().Remove("financing");
            o["labels"]!["topics"]!["clearance"]!["en"] = "Clearing the land";
        }));
        var subscriber = await ActiveAsync(site, topics: ["victim-assistance", "clearance"], regions: ["asia"]);

        var preferences = await site.Http.GetStringAsync($"/api/preferences?token={Uri.EscapeDataString(PreferencesToken(site, subscriber))}");
        var form = await site.Http.GetStringAsync("/api/subscribe");

        string[] topics = [.. ClassificationTaxonomy.Topics.Where(t => t != "financing")];
        Assert.Equal(topics, Values(preferences, "topics"));
        Assert.Equal(ClassificationTaxonomy.Regions, Values(preferences, "regions"));
        Assert.Equal(["clearance", "victim-assistance"], Values(preferences, "topics", checkedOnly: true));
        Assert.Equal(["asia"], Values(preferences, "regions", checkedOnly: true));
        Assert.Contains("<input type=\"checkbox\" name=\"topics\" value=\"clearance\" checked /> Clearing the land</label>", preferences);
        Assert.Contains("<input type=\"checkbox\" name=\"regions\" value=\"latin-america-caribbean\" /> Latin America and the Caribbean</label>", preferences);
        Assert.Contains("<p class=\"hint\" id=\"choices-hint\">Tick the topics and regions you want; with none ticked you get everything.</p>", preferences);
        Assert.Contains("<input type=\"hidden\" name=\"topics\" value />", preferences);
        Assert.DoesNotContain("<script", preferences);
        Assert.Equal(topics, Values(form, "topics"));
        Assert.Empty(Values(form, "topics", checkedOnly: true));
    }

    [Fact]
    public async Task CheckboxesACommaListAndJsonStoreTheSameChoices()
    {
        await using var site = await StartAsync();
        var (boxes, comma, array, text) = (await ActiveAsync(site, topics: ["financing"]), await ActiveAsync(site, topics: ["financing"]), await ActiveAsync(site, topics: ["financing"]), await ActiveAsync(site, topics: ["financing"]));

        var responses = new[]
        {
            await site.Http.PostAsync("/api/preferences", Form(("token", PreferencesToken(site, boxes)), ("topics", ""), ("topics", "victim-assistance"), ("topics", "stockpile-destruction"), ("regions", ""), ("regions", "asia"))),
            await site.Http.PostAsync("/api/preferences", Form(("token", PreferencesToken(site, comma)), ("topics", "victim-assistance, stockpile-destruction"), ("regions", "asia"))),
            await site.Http.PostAsync("/api/preferences", Json($$"""{"token":"{{PreferencesToken(site, array)}}","topics":["victim-assistance","stockpile-destruction"],"regions":["asia"]}""")),
            await site.Http.PostAsync("/api/preferences", Json($$"""{"token":"{{PreferencesToken(site, text)}}","topics":"stockpile-destruction;victim-assistance","regions":"asia"}""")),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var s in new[] { boxes, comma, array, text })
        {
            var after = await site.Store.GetAsync(s.Id);
            Assert.Equal(["stockpile-destruction", "victim-assistance"], after!.Topics);
            Assert.Equal(["asia"], after.Regions);
        }

        // A browser sends only the empty hidden fields when nothing is ticked: everything. JSON without the keys changes nothing.
        await site.Http.PostAsync("/api/preferences", Form(("token", PreferencesToken(site, boxes)), ("topics", ""), ("regions", ""), ("cadence", "instant")));
        await site.Http.PostAsync("/api/preferences", Json($$"""{"token":"{{PreferencesToken(site, array)}}","cadence":"daily"}"""));

        var cleared = await site.Store.GetAsync(boxes.Id);
        Assert.Equal((0, 0), (cleared!.Topics.Count, cleared.Regions.Count));
        var untouched = await site.Store.GetAsync(array.Id);
        Assert.Equal((Cadence.DailyDigest, 2, 1), (untouched!.Cadence, untouched.Topics.Count, untouched.Regions.Count));
    }

    [Fact]
    public async Task IdsTheRuleSetDoesNotAssignAreDroppedNotStored()
    {
        using var dir = new TempDirectory();
        var rules = Path.Combine(dir.Path, "rules.json");
        File.WriteAllText(rules, DefaultRulesWith(o =>
        {
            o["topics"]!.AsObject().Remove("financing");
            o["labels"]!["topics"]!.AsObject().Remove("financing");
        }));
        await using var site = await StartAsync(new Dictionary<string, string?> { ["Classification:RulesFile"] = rules });
        var (viaForm, viaJson) = (Address(), Address());
        var member = await ActiveAsync(site);

        var form = await site.Http.SendAsync(Post("/api/subscribe", Form(("email", viaForm), ("topics", "clearance, made-up"), ("topics", "<script>"), ("regions", "atlantis; Europe"))));
        var json = await site.Http.SendAsync(Post("/api/subscribe", Json($$"""{"email":"{{viaJson}}","topics":["CLEARANCE","made-up"],"regions":"europe, nowhere"}""")));
        var saved = await site.Http.PostAsync("/api/preferences", Form(("token", PreferencesToken(site, member)), ("topics", "financing, victim-assistance, victim-assistence"), ("regions", "asia, oceania")));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.OK), (form.StatusCode, json.StatusCode, saved.StatusCode));
        Assert.Contains("\"message\"", await json.Content.ReadAsStringAsync());
        foreach (var address in new[] { viaForm, viaJson })
        {
            var pending = await site.Store.GetAsync(EmailAddress.Key(address));
            Assert.Equal(["clearance"], pending!.Topics);
            Assert.Equal(["europe"], pending.Regions);
        }
        var after = await site.Store.GetAsync(member.Id);
        Assert.Equal(["victim-assistance"], after!.Topics);
        Assert.Equal(["asia"], after.Regions);
        Assert.Contains(site.Logs.Lines, l => l.Contains("Dropped 3 topic or region ids", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALabelWithMarkupIsEscapedOnThePageAndInTheAlertsWhyLine()
    {
        const string label = "<b>Rydding</b> & <script>alert(1)</script>";
        using var dir = new TempDirectory();
        var rules = Path.Combine(dir.Path, "rules.json");
        File.WriteAllText(rules, DefaultRulesWith(o => o["labels"]!["topics"]!["clearance"]!["no"] = label));
        await using var site = await StartAsync(new Dictionary<string, string?> { ["Classification:RulesFile"] = rules });
        var subscriber = await ActiveAsync(site, "no", topics: ["clearance"]);
        var story = new ClassifiedStory(
            new Story { Id = "label-story", Feed = "mfa", Title = "Laos clears land", Summary = "Summary", Link = "https://www.regjeringen.no/no/id2/" },
            new StoryVerdict
            {
                Relevant = true,
                Score = 0.9,
                Decision = ClassificationDecision.Send,
                Topics = ["clearance", "victim-assistance"],
                Evidence = [new TermMatch("cluster munitions", 10, 2)],
                RuleSetVersion = "test",
            });

        var page = await site.Http.GetStringAsync($"/api/preferences?token={Uri.EscapeDataString(PreferencesToken(site, subscriber))}");
        var email = await site.Services.GetRequiredService<AlertComposer>().ComposeAsync(story, subscriber);

        Assert.DoesNotContain("<b>", page);
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("value=\"clearance\" checked /> &lt;b&gt;Rydding&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</label>", page);
        Assert.DoesNotContain("<b>", email.Html);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("&#171;cluster munitions&#187; (emner: &lt;b&gt;Rydding&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;, Bistand til ofre).", email.Html);
        Assert.Contains($"og denne saken nevner \u00abcluster munitions\u00bb (emner: {label}, Bistand til ofre).", email.Text);
    }
}
