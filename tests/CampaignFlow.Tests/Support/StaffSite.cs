using System.Net;
using System.Text.RegularExpressions;
using CampaignFlow.Classification;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using CampaignFlow.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// The staff console on a <see cref="FunctionsWorkerSite"/> (the Functions app's own container and HTTP triggers)
/// against Azurite, with local one-time sign-in links, mail to a fresh outbox, and the queue stages run by hand
/// (<see cref="DrainAsync"/>) exactly as the queue triggers run them.
/// </summary>
public sealed partial class StaffSite : IAsyncDisposable
{
    private StaffSite(FunctionsWorkerSite worker, string outbox) => (Worker, Outbox) = (worker, outbox);

    public FunctionsWorkerSite Worker { get; }
    public string Outbox { get; }
    public IServiceProvider Services => Worker.Services;
    public Uri BaseAddress => Worker.Http.BaseAddress!;
    public IStoryLedger Ledger => Services.GetRequiredService<IStoryLedger>();

    public static async Task<StaffSite> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var outbox = Path.Combine(Path.GetTempPath(), "campaignflow-tests", Guid.NewGuid().ToString("n"));
        var values = azurite.Settings(new Dictionary<string, string?>
        {
            ["Email:OutboxDirectory"] = outbox,
            ["Email:PublicBaseUrl"] = "https://alerts.example.org",
            ["Staff:SignIn"] = StaffOptions.LocalLink,
        });
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return new StaffSite(await FunctionsWorkerSite.StartAsync(values), outbox);
    }

    /// <summary>A one-time sign-in link, as <c>./campaignflow run</c> prints it, for this site.</summary>
    public Task<string> SignInLinkAsync(string who = "Test Staffer") =>
        Services.GetRequiredService<StaffSignIn>().IssueLinkAsync(new Uri(BaseAddress, "/staff").ToString(), who);

    /// <summary>An HTTP client with its own cookies and no automatic redirects.</summary>
    public HttpClient NewClient() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in through a fresh one-time link.</summary>
    public async Task<HttpClient> SignedInClientAsync(string who = "Test Staffer")
    {
        var client = NewClient();
        var response = await client.GetAsync(await SignInLinkAsync(who));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }

    /// <summary>The anti-forgery token in a console page's forms.</summary>
    public static string CsrfIn(string html) => WebUtility.HtmlDecode(CsrfPattern().Match(html).Groups[1].Value);

    /// <summary>An active instant subscriber who wants everything.</summary>
    public async Task<Subscriber> SubscribeAsync(string language = "en")
    {
        var subscriber = Subscriber.Create($"staff-test-{Guid.NewGuid():n}@example.org") with { Status = SubscriberStatus.Active, Language = language };
        await Services.GetRequiredService<ISubscriberStore>().UpsertAsync(subscriber);
        return subscriber;
    }

    public async Task<int> ActiveSubscribersAsync() => await Services.GetRequiredService<ISubscriberStore>().ListActiveAsync().CountAsync();

    /// <summary>A story in the ledger with the given verdict, as ClassifyStory records one.</summary>
    public async Task<string> StoryAsync(ClassificationDecision decision, string? title = null, double score = 0.5, string summary = "The Convention on Cluster Munitions was discussed.")
    {
        var id = Guid.NewGuid().ToString("n");
        await Ledger.TryAddAsync(new Story { Id = id, Feed = "mfa-en", Language = "en", Title = title ?? $"Story {id[..6]} on cluster munitions", Summary = summary, Link = "https://www.regjeringen.no/en/aktuelt/x/id" + id[..6], Published = DateTimeOffset.UtcNow });
        await Ledger.SaveVerdictAsync(id, new StoryVerdict
        {
            Relevant = decision == ClassificationDecision.Send,
            Score = score,
            Decision = decision,
            RuleSetVersion = "test-1",
            Evidence = [new TermMatch("Cluster Munitions", 100, 2.0)],
        });
        return id;
    }

    /// <summary>A story the real classifier decides (poll → ClassifyStory): returns its id and the verdict.</summary>
    public async Task<(string Id, StoryVerdict Verdict)> ClassifiedStoryAsync(string title, string summary)
    {
        var id = Guid.NewGuid().ToString("n");
        await Ledger.TryAddAsync(new Story { Id = id, Feed = "mfa-en", Language = "en", Title = title, Summary = summary, Published = DateTimeOffset.UtcNow });
        var verdict = await Services.GetRequiredService<IPipelineStage<StoryMessage, StoryVerdict>>().HandleAsync(new StoryMessage(id, "mfa-en"));
        return (id, verdict);
    }

    /// <summary>Runs the alerts and deliveries queues until both are empty, as NotifySubscribers and DeliverBatch do.</summary>
    public async Task DrainAsync()
    {
        var queues = Services.GetRequiredService<global::Azure.Storage.Queues.QueueServiceClient>();
        var runner = Services.GetRequiredService<StageRunner>();
        var notify = Services.GetRequiredService<IPipelineStage<AlertMessage, int>>();
        var deliver = Services.GetRequiredService<IPipelineStage<DeliveryBatchMessage, int>>();
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var name in new[] { QueueNames.Alerts, QueueNames.Deliveries })
            {
                var queue = queues.GetQueueClient(name);
                while ((await queue.ReceiveMessagesAsync(16)).Value is { Length: > 0 } messages)
                {
                    foreach (var message in messages)
                    {
                        var body = message.Body.ToString();
                        await (name == QueueNames.Alerts
                            ? runner.RunAsync<AlertMessage>(name, body, (m, ct) => notify.HandleAsync(m, ct))
                            : runner.RunAsync<DeliveryBatchMessage>(name, body, (m, ct) => deliver.HandleAsync(m, ct)));
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        moved = true;
                    }
                }
            }
        }
    }

    /// <summary>The alert mails of a story in the outbox (<c>{storyId}-{subscriberId}.eml</c>).</summary>
    public string[] MailsOf(string storyId) => Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, storyId + "-*.eml") : [];

    public ValueTask DisposeAsync() => Worker.DisposeAsync();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();
}
