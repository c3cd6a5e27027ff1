using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Classification;
using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Feeds;
using CampaignFlow.Stories;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// One poll of many new stories to many subscribers on the local host (the WebJobs queue listeners running the real
/// stages), in-memory Azurite and the real SendGrid client against the loopback endpoint, which records every
/// (story, recipient) it accepts. What should have gone out is worked out here from the classifier's stored verdicts
/// and the subscribers as generated, by the documented rule (no choice of a kind wants all; a story with nothing of a
/// kind goes to everyone), and compared with what the endpoint received.
/// </summary>
public static class LoadBenchmark
{
    private const string ApiKey = "SG.load-bench-loopback-key";
    private static readonly string[] TopicChoices = ["clearance", "diplomatic-conference", "financing", "national-measures", "signature-ratification", "state-endorsement", "stockpile-destruction", "use-condemnation", "victim-assistance"];
    private static readonly string[] RegionChoices = ["africa", "asia", "europe", "latin-america-caribbean", "middle-east", "north-america", "pacific"];

    public static async Task<LoadBenchResult> RunAsync(int stories, int subscribers, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var state = Directory.CreateTempSubdirectory("campaignflow-load-");
        var received = new ConcurrentDictionary<(string Story, string Email), int>();
        try
        {
            await using var azurite = await Azurite.StartAsync(location: null, cancellationToken);
            await using var endpoint = await LoopbackSendGrid.StartAsync(MailSendSchema.BuiltIn, ApiKey, keepBodies: false);
            endpoint.OnAccepted = body => Record(body, received);
            await using var feed = await LoadFeed.StartAsync(Path.Combine(root, "config", "corpus", "stories.jsonl"), stories);
            var counter = StorageRequestCounter.ForConnectionString(azurite.ConnectionString);
            var audience = Audience(subscribers);

            var settings = new LocalRunSettings(state.FullName, Path.Combine(state.FullName, "outbox"), [feed.Url], azurite.ConnectionString);
            using var host = LocalPipelineHost.Build(settings, scheduled: false, LogLevel.Warning, Overrides(endpoint.Host),
                services => services.AddAzureClients(clients => clients.ConfigureDefaults(o => o.AddPolicy(counter, HttpPipelinePosition.PerRetry))));
            var services = host.Services;
            await services.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);
            progress.WriteLine($"Seeding {subscribers} subscribers …");
            await services.GetRequiredService<ISubscriberStore>().UpsertManyAsync(audience, cancellationToken);
            await host.StartAsync(cancellationToken);
            try
            {
                counter.Reset();
                var since = DateTimeOffset.UtcNow.AddMinutes(-1);
                progress.WriteLine($"Polling one feed of {stories} new stories, classifying and sending …");
                var clock = Stopwatch.StartNew();
                var poll = (await services.GetRequiredService<IFeedPoller>().PollAllAsync(cancellationToken)).Single();
                if (!poll.Ok)
                {
                    throw new InvalidOperationException($"the load feed could not be polled: {poll.Error}");
                }
                await services.GetRequiredService<QueueDrainer>().WaitUntilIdleAsync(TimeSpan.FromMinutes(30), cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var storage = (counter.Total, Blob: counter.Of("blob"), Queue: counter.Of("queue"), Table: counter.Of("table"),
                    Ledger: counter.Of("table", TableNames.Deliveries) + counter.Of("table", "$batch"));
                using var self = Process.GetCurrentProcess();
                self.Refresh();
                var relevant = await RelevantAsync(services.GetRequiredService<IStoryLedger>(), since, cancellationToken);
                var result = Score(stories, audience, relevant, received, endpoint.Requests, seconds, self.PeakWorkingSet64 / 1048576.0, storage);
                if (!result.Passed)
                {
                    progress.WriteLine($"{result.Lost} lost, {result.Duplicates} doubled, {result.Unexpected} unexpected; the poison queues hold {await services.GetRequiredService<QueueDrainer>().PoisonDepthAsync(cancellationToken)} message(s)");
                }
                return result;
            }
            finally
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await host.StopAsync(grace.Token);
            }
        }
        finally
        {
            try
            {
                state.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temp folder is left for the system to clean.
            }
        }
    }

    private static LoadBenchResult Score(
        int stories, IReadOnlyList<Subscriber> audience, IReadOnlyList<ClassifiedStory> relevant,
        IReadOnlyDictionary<(string Story, string Email), int> received, int requests, double seconds, double peakMb,
        (int Total, int Blob, int Queue, int Table, int Ledger) storage)
    {
        var expected = new HashSet<(string, string)>();
        foreach (var story in relevant)
        {
            foreach (var subscriber in audience.Where(s => s.Status == SubscriberStatus.Active && s.Cadence == Cadence.Instant
                && Wants(s.Topics, story.Verdict.Topics) && Wants(s.Regions, story.Verdict.Regions)))
            {
                expected.Add((story.Story.Id, subscriber.Email.ToLowerInvariant()));
            }
        }
        var sent = received.Count(r => expected.Contains(r.Key));
        var emails = received.Values.Sum();
        return new LoadBenchResult(
            stories, relevant.Count, audience.Count, expected.Count, sent,
            Duplicates: received.Count(r => r.Value > 1),
            Lost: expected.Count - sent,
            Unexpected: received.Count - sent,
            requests, Math.Round(seconds, 3), Math.Round(stories / seconds, 1), Math.Round(emails / seconds, 1), Math.Round(peakMb, 1),
            storage.Total,
            new SortedDictionary<string, int> { ["blob"] = storage.Blob, ["queue"] = storage.Queue, ["table"] = storage.Table },
            emails == 0 ? 0 : Math.Round((double)storage.Total / emails, 3),
            storage.Ledger,
            emails == 0 ? 0 : Math.Round((double)storage.Ledger / emails, 3));
    }

    // A subscriber with no choice of a kind wants all; a story with nothing of a kind goes to everyone.
    private static bool Wants(IReadOnlyList<string> wanted, IReadOnlyList<string> story) =>
        wanted.Count == 0 || story.Count == 0 || wanted.Any(w => story.Contains(w, StringComparer.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<ClassifiedStory>> RelevantAsync(IStoryLedger ledger, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var relevant = new List<ClassifiedStory>();
        await foreach (var story in ledger.ListRelevantSinceAsync(since, cancellationToken))
        {
            if (story.Verdict.Decision == ClassificationDecision.Send)
            {
                relevant.Add(story);
            }
        }
        return relevant;
    }

    private static void Record(JsonElement body, ConcurrentDictionary<(string Story, string Email), int> received)
    {
        foreach (var personalization in body.GetProperty("personalizations").EnumerateArray())
        {
            var story = personalization.TryGetProperty("custom_args", out var args) && args.TryGetProperty("story_id", out var id) ? id.GetString() ?? "?" : "?";
            foreach (var to in personalization.GetProperty("to").EnumerateArray())
            {
                received.AddOrUpdate((story, to.GetProperty("email").GetString()!.ToLowerInvariant()), 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary>
    /// English subscribers, all active and instant (the audience of one poll), from a fixed seed: a quarter want every
    /// topic, the others one or two; two thirds want every region, the others one or two.
    /// </summary>
    public static IReadOnlyList<Subscriber> Audience(int count, int seed = 14)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Subscriber.Create($"load-{i}@example.org") with
        {
            Language = "en",
            Topics = random.Next(4) == 0 ? [] : TopicChoices.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray(),
            Regions = random.Next(3) > 0 ? [] : RegionChoices.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray(),
            Status = SubscriberStatus.Active,
            Cadence = Cadence.Instant,
            ConsentAt = DateTimeOffset.UtcNow,
            ConsentSource = "load-bench",
        }).ToList();
    }

    private static Dictionary<string, string?> Overrides(string sendGridHost) => new()
    {
        ["Email:Sink"] = "SendGrid",
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:Host"] = sendGridHost,
        // One name without '/', so the feed's state row key is plain; every item is new and alerted.
        ["Feeds:Sources:0:Name"] = "load",
        ["Feeds:Sources:0:FirstPollWindow"] = "00:00:00",
        ["Feeds:Articles:Enabled"] = "false",
    };
}
