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
/// Languages, topics and regions on the public pages, through the HTTP functions as the Functions worker serves them
/// (<see cref="FunctionsWorkerSite"/>), against Azurite.
/// </summary>
public sealed class SubscriptionChoicesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<SubscriberSite> StartAsync(IDictionary<string, string?>? settings = null) => SubscriberSite.StartAsync(azurite, settings);

    private static string Address() => $"visitor-{Guid.NewGuid():n}@example.org";

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

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
        Assert.Contains("\u00abcluster munitions\u00bb (emner: &lt;b&gt;Rydding&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;, Bistand til ofre).", email.Html);
        Assert.Contains($"og denne saken nevner \u00abcluster munitions\u00bb (emner: {label}, Bistand til ofre).", email.Text);
    }
}
