using CampaignFlow.Classification;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Support;

/// <summary>
/// The library wired against Azurite and the loopback SendGrid endpoint (real client, schema-checked), with a fake
/// clock, captured logs and a recording queue, plus helpers to seed a story and subscribers under a topic of their own.
/// </summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private DeliveryHarness(ServiceProvider services, LoopbackSendGrid endpoint, FakeTimeProvider clock, LogCapture logs, RecordingQueue queue)
    {
        (Services, Endpoint, Clock, Logs, Queue) = (services, endpoint, clock, logs, queue);
        Topic = "topic-" + Guid.NewGuid().ToString("n")[..8];
    }

    public ServiceProvider Services { get; }
    public LoopbackSendGrid Endpoint { get; }
    public FakeTimeProvider Clock { get; }
    public LogCapture Logs { get; }
    public RecordingQueue Queue { get; }
    /// <summary>A topic only this harness's story and subscribers have, so tests sharing an Azurite stay apart.</summary>
    public string Topic { get; }

    public NotifySubscribersStage FanOut => (NotifySubscribersStage)Services.GetRequiredService<IPipelineStage<AlertMessage, int>>();
    public IPipelineStage<DeliveryBatchMessage, int> Deliver => Services.GetRequiredService<IPipelineStage<DeliveryBatchMessage, int>>();
    public IPipelineStage<DigestBatchMessage, int> DeliverDigest => Services.GetRequiredService<IPipelineStage<DigestBatchMessage, int>>();
    public StageRunner Runner => Services.GetRequiredService<StageRunner>();

    public static async Task<DeliveryHarness> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? settings = null,
        Func<IServiceProvider, IEmailSender, IEmailSender>? wrapSender = null,
        Action<IServiceCollection>? configure = null)
    {
        var endpoint = await SendGridEndpoint.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new LogCapture();
        var values = new Dictionary<string, string?>
        {
            ["Email:Sink"] = "SendGrid",
            ["Email:PublicBaseUrl"] = "https://alerts.example.org",
            ["SendGrid:ApiKey"] = SendGridEndpoint.ApiKey,
            ["SendGrid:Host"] = endpoint.Host,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        RecordingQueue? queue = null;
        var services = azurite.Services(values, s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            var inner = s.Single(d => d.ServiceType == typeof(IMessageQueue));
            s.Replace(ServiceDescriptor.Singleton<IMessageQueue>(sp =>
                queue = new RecordingQueue((IMessageQueue)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
            if (wrapSender is not null)
            {
                var sender = s.Single(d => d.ServiceType == typeof(IEmailSender));
                s.Replace(ServiceDescriptor.Singleton<IEmailSender>(sp => wrapSender(sp, (IEmailSender)sender.ImplementationFactory!(sp))));
            }
            configure?.Invoke(s);
        });
        _ = services.GetRequiredService<IMessageQueue>();
        return new DeliveryHarness(services, endpoint, clock, logs, queue!);
    }

    public async Task<ClassifiedStory> StoryAsync(
        string title = "States adopt the Convention on Cluster Munitions", string summary = "Dublin, 30 May 2008.", string link = "https://www.regjeringen.no/en/id1/")
    {
        var story = new Story { Id = Guid.NewGuid().ToString("n"), Feed = "mfa-en", Title = title, Summary = summary, Link = link, Published = new DateTimeOffset(2008, 5, 30, 0, 0, 0, TimeSpan.Zero) };
        var verdict = new StoryVerdict
        {
            Relevant = true,
            Score = 5,
            Decision = ClassificationDecision.Send,
            Topics = [Topic],
            Regions = ["europe"],
            Evidence = [new TermMatch("cluster munitions", 10, 2)],
            RuleSetVersion = "1.0",
        };
        var ledger = Services.GetRequiredService<IStoryLedger>();
        await ledger.TryAddAsync(story);
        await ledger.SaveVerdictAsync(story.Id, verdict);
        return new ClassifiedStory(story, verdict);
    }

    /// <summary>Active instant subscribers wanting this harness's topic, at addresses prefix-N@example.org.</summary>
    public async Task<IReadOnlyList<Subscriber>> SubscribersAsync(int count, string prefix = "reader", Func<Subscriber, Subscriber>? shape = null)
    {
        var list = Enumerable.Range(0, count)
            .Select(i => Subscriber.Create($"{prefix}-{Topic}-{i}@example.org") with
            {
                Status = SubscriberStatus.Active,
                Topics = [Topic],
                ConsentAt = Clock.GetUtcNow(),
                ConsentSource = "test",
            })
            .Select(s => shape is null ? s : shape(s))
            .ToList();
        await Services.GetRequiredService<ISubscriberStore>().UpsertManyAsync(list);
        return list;
    }

    /// <summary>Fans the story out and returns the batch messages it enqueued.</summary>
    public async Task<IReadOnlyList<DeliveryBatchMessage>> FanOutAsync(ClassifiedStory story)
    {
        var before = Queue.Sent.Count;
        await FanOut.HandleAsync(new AlertMessage(story.Story.Id, story.Verdict.RuleSetVersion));
        return Queue.Sent.Skip(before).Select(m => m.Message).OfType<DeliveryBatchMessage>().ToList();
    }

    /// <summary>Runs a batch the way the queue trigger does (poison, defer or rethrow).</summary>
    public Task RunAsync(DeliveryBatchMessage message) =>
        Runner.RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, MessageSerializer.Serialize(message), (m, ct) => Deliver.HandleAsync(m, ct));

    /// <summary>Runs the digest timer and returns the batch messages it enqueued that list one of <paramref name="stories"/>.</summary>
    public async Task<IReadOnlyList<DigestBatchMessage>> PlanDigestAsync(params ClassifiedStory[] stories)
    {
        var before = Queue.Sent.Count;
        await Services.GetRequiredService<DigestPlanner>().PlanAsync();
        var ids = stories.Select(s => s.Story.Id).ToHashSet(StringComparer.Ordinal);
        return Queue.Sent.Skip(before).Select(m => m.Message).OfType<DigestBatchMessage>().Where(m => m.Stories.Any(ids.Contains)).ToList();
    }

    /// <summary>Runs a digest batch the way the DeliverDigest trigger does (poison, defer or rethrow).</summary>
    public Task RunAsync(DigestBatchMessage message) =>
        Runner.RunAsync<DigestBatchMessage>(QueueNames.Digests, MessageSerializer.Serialize(message), (m, ct) => DeliverDigest.HandleAsync(m, ct));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Endpoint.DisposeAsync();
    }
}
