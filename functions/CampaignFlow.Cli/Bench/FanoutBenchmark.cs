using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Queues;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SendGrid;
using CampaignFlow.Azure.Email;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Azure;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// Fan-out and delivery of one alert to N subscribers: in-memory Azurite, the real stages and ledger, the real
/// SendGrid client against the loopback endpoint (which counts requests, recipients and duplicates). Then the raw
/// SendGrid client sends the same pre-built requests to the same endpoint, for the ratio.
/// </summary>
public static class FanoutBenchmark
{
    private const string ApiKey = "SG.bench-loopback-key";
    /// <summary>Batches handled at once, as host.json's queue batchSize lets one instance do.</summary>
    private const int Concurrency = 16;

    public static async Task<FanoutBenchResult> RunAsync(int subscribers, TextWriter progress, CancellationToken cancellationToken = default)
    {
        await using var azurite = await Azurite.StartAsync(location: null, cancellationToken);
        await using var endpoint = await LoopbackSendGrid.StartAsync(MailSendSchema.BuiltIn, ApiKey, keepBodies: false);
        await using var services = Services(azurite.ConnectionString, endpoint.Host);
        await services.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);

        progress.WriteLine($"Seeding {subscribers} subscribers …");
        var store = services.GetRequiredService<ISubscriberStore>();
        await store.UpsertManyAsync(Enumerable.Range(0, subscribers).Select(i => Subscriber.Create($"bench-{i}@example.org") with
        {
            Status = SubscriberStatus.Active,
            ConsentAt = DateTimeOffset.UtcNow,
            ConsentSource = "bench",
        }), cancellationToken);
        var story = await StoryAsync(services.GetRequiredService<IStoryLedger>(), cancellationToken);

        progress.WriteLine("Fan-out and delivery …");
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<IPipelineStage<AlertMessage, int>>().HandleAsync(new AlertMessage(story.Story.Id, story.Verdict.RuleSetVersion), cancellationToken);
        await DrainAsync(services, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakMb = self.PeakWorkingSet64 / 1048576.0;
        var (requests, recipients, duplicates) = (endpoint.Requests, endpoint.Recipients, endpoint.Duplicates);

        progress.WriteLine("Raw SendGrid client, same requests …");
        var raw = await PrebuildAsync(services, story, cancellationToken);
        endpoint.Reset();
        var client = services.GetRequiredService<ISendGridClient>();
        clock.Restart();
        await Parallel.ForEachAsync(raw, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (mail, ct) =>
        {
            var response = await client.SendEmailAsync(mail, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"loopback answered {(int)response.StatusCode} to a raw request");
            }
        });
        var rawSeconds = clock.Elapsed.TotalSeconds;
        var rawRate = endpoint.Recipients / rawSeconds;
        var rate = recipients / seconds;
        return new FanoutBenchResult(
            subscribers, recipients, requests, duplicates, Math.Round(seconds, 3), Math.Round(rate, 1), Math.Round(peakMb, 1),
            endpoint.Requests, Math.Round(rawSeconds, 3), Math.Round(rawRate, 1), Math.Round(rate / rawRate, 4), SchemaValidated: true);
    }

    /// <summary>Receives and runs delivery batches, <see cref="Concurrency"/> at a time, until the queue is empty.</summary>
    private static async Task DrainAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(QueueNames.Deliveries);
        var runner = services.GetRequiredService<StageRunner>();
        var stage = services.GetRequiredService<IPipelineStage<DeliveryBatchMessage, int>>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (messages.Length == 0)
            {
                return;
            }
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (message, ct) =>
            {
                await runner.RunAsync<DeliveryBatchMessage>(QueueNames.Deliveries, message.Body.ToString(), (m, c) => stage.HandleAsync(m, c), ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            });
        }
    }

    private static async Task<List<global::SendGrid.Helpers.Mail.SendGridMessage>> PrebuildAsync(IServiceProvider services, ClassifiedStory story, CancellationToken cancellationToken)
    {
        var composer = services.GetRequiredService<AlertComposer>();
        var sender = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var all = new List<Subscriber>();
        await foreach (var subscriber in services.GetRequiredService<ISubscriberStore>().ListActiveAsync(cancellationToken))
        {
            all.Add(subscriber);
        }
        var messages = new List<global::SendGrid.Helpers.Mail.SendGridMessage>();
        foreach (var (chunk, i) in all.Chunk(NotifySubscribersStage.BatchSize).Select((chunk, i) => (chunk, i)))
        {
            messages.Add(SendGridEmailSender.ToMessage(await composer.ComposeBatchAsync(story, "en", chunk, Guid.NewGuid().ToString("n"), i + 1, cancellationToken), sender));
        }
        return messages;
    }

    private static async Task<ClassifiedStory> StoryAsync(IStoryLedger ledger, CancellationToken cancellationToken)
    {
        var story = new Story { Id = "bench" + Guid.NewGuid().ToString("n")[..8], Feed = "bench", Title = "Convention on Cluster Munitions enters into force", Summary = "Bench story.", Link = "https://www.regjeringen.no/en/bench/" };
        var verdict = new StoryVerdict { Relevant = true, Score = 5, Decision = ClassificationDecision.Send, RuleSetVersion = "bench", Evidence = [new TermMatch("cluster munitions", 0, 17)] };
        await ledger.TryAddAsync(story, cancellationToken);
        await ledger.SaveVerdictAsync(story.Id, verdict, cancellationToken);
        return new ClassifiedStory(story, verdict);
    }

    private static ServiceProvider Services(string storage, string sendGridHost)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            // The bench story's feed, as the app would have it configured (alerts name their source).
            ["Feeds:Sources:0:Name"] = "bench",
            ["Feeds:Sources:0:Url"] = "https://www.regjeringen.no/en/rss/bench/",
            ["Email:Sink"] = "SendGrid",
            ["Email:PublicBaseUrl"] = "https://alerts.example.org",
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:Host"] = sendGridHost,
            ["Tokens:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddCampaignFlow(configuration);
        services.AddCampaignFlowAzure(configuration);
        return services.BuildServiceProvider();
    }
}
