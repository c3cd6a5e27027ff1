using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using CampaignFlow.Azure.Operations;
using CampaignFlow.Azure.Storage;
using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignFlow.Cli.Bench;

/// <summary>
/// One scenario's world: its own Azurite (on disk under the state folder), the loopback SendGrid endpoint recording
/// every (story, recipient) it accepts, the scripted feed server, the bench's subscribers, and the local host
/// (the WebJobs queue listener running the real stages) with short retry delays.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string ApiKey = "SG.fault-bench-loopback-key";
    private readonly ConcurrentDictionary<(string Story, string Email), int> _received = new();

    private FaultRig(string directory, FaultAudience audience, FaultFeed feed)
    {
        (Directory, Audience, Feed) = (directory, audience, feed);
    }

    public string Directory { get; }

    /// <summary>How many stories a scenario publishes in its main poll (<c>--stories</c>).</summary>
    public int Stories { get; private init; } = FaultMatrix.DefaultStories;
    public FaultAudience Audience { get; }
    public FaultFeed Feed { get; }
    public Azurite Azurite { get; private set; } = null!;
    public LoopbackSendGrid SendGrid { get; private set; } = null!;
    public ScriptedFeedServer FeedServer { get; private set; } = null!;
    public IHost? Host { get; private set; }
    public IServiceProvider Services => Host!.Services;
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>The feed's name as the local host configures a feed URL (host and path).</summary>
    public string FeedName => new Uri(FeedServer.Url) is var uri ? uri.Host + uri.AbsolutePath.TrimEnd('/') : "";

    /// <summary>(story id, address) → how many times the endpoint accepted it.</summary>
    public IReadOnlyDictionary<(string Story, string Email), int> Received => _received;

    public static async Task<FaultRig> StartAsync(string directory, int subscribers, int stories, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        System.IO.Directory.CreateDirectory(directory);
        var root = RepositoryRoot.Find();
        var rig = new FaultRig(directory, new FaultAudience(subscribers), new FaultFeed(Path.Combine(root, "config", "corpus", "stories.jsonl"))) { Stories = stories };
        rig.Azurite = await Azurite.StartAsync(Path.Combine(directory, "azurite"), cancellationToken);
        rig.SendGrid = await LoopbackSendGrid.StartAsync(MailSendSchema.BuiltIn, ApiKey, keepBodies: false);
        rig.SendGrid.OnAccepted = rig.Record;
        rig.FeedServer = await ScriptedFeedServer.StartAsync(rig.Feed);
        return rig;
    }

    /// <summary>The settings the bench runs the host with: email to the loopback endpoint, short waits.</summary>
    public Dictionary<string, string?> Overrides() => new()
    {
        ["Email:Sink"] = "SendGrid",
        ["SendGrid:ApiKey"] = ApiKey,
        ["SendGrid:Host"] = SendGrid.Host,
        ["SendGrid:Timeout"] = "00:00:03",
        ["Retry:FirstDelay"] = "00:00:01",
        ["Retry:MaxDelay"] = "00:00:08",
        ["Feeds:RequestTimeout"] = "00:00:02",
        ["Feeds:TotalRequestTimeout"] = "00:00:08",
        ["Feeds:RetryDelay"] = "00:00:00.200",
        ["Feeds:Articles:Enabled"] = "false",
        ["Feeds:Sources:0:FirstPollWindow"] = "00:00:00",
        ["Classification:RefreshSeconds"] = "1",
        ["Templates:RefreshSeconds"] = "1",
        ["Sending:PausedRetryDelay"] = "00:00:02",
    };

    /// <summary>Builds and starts the local host on this rig (provisioning storage and the subscribers the first time).</summary>
    public async Task StartHostAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        await Host!.StartAsync(cancellationToken);
        Log("host started");
    }

    /// <summary>Builds the local host (not started: its services serve the bench), provisions storage and seeds the subscribers.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Log("building the host");
        var settings = new LocalRunSettings(Directory, Path.Combine(Directory, "outbox"), [FeedServer.Url], Azurite.ConnectionString);
        Host = LocalPipelineHost.Build(settings, scheduled: false, LogLevel.Warning, Overrides());
        await Services.GetRequiredService<StorageProvisioner>().EnsureAsync(cancellationToken);
        await Services.GetRequiredService<ISubscriberStore>().UpsertManyAsync(Audience.Subscribers, cancellationToken);
        Log($"{Audience.Subscribers.Count} subscribers seeded");
    }

    /// <summary>Progress on standard error, with the time since the scenario started.</summary>
    public void Log(string message) => Console.Error.WriteLine($"[faults]   +{Clock.Elapsed.TotalSeconds:0.0} s {message}");

    public async Task StopHostAsync()
    {
        if (Host is { } host)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await host.StopAsync(grace.Token);
            }
            catch (InvalidOperationException)
            {
                // Never started (the process scenarios run the host as a child process).
            }
            host.Dispose();
            Host = null;
        }
    }

    public async Task<FeedPollResult> PollAsync(CancellationToken cancellationToken)
    {
        var result = (await Services.GetRequiredService<IFeedPoller>().PollAllAsync(cancellationToken)).Single();
        Log(result.Ok ? $"polled: {result.Items} items, {result.NewStories} new, {result.Updated} updated" : $"poll failed: {result.Error}");
        return result;
    }

    /// <summary>Polls until a poll succeeds (a failing feed is polled again, as the timer would), at most <paramref name="tries"/> times.</summary>
    public async Task<int> PollUntilOkAsync(int tries, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= tries; i++)
        {
            if ((await PollAsync(cancellationToken)).Ok)
            {
                return i;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        return -1;
    }

    /// <summary>Waits until every queue (visible or deferred) is empty and no handler runs.</summary>
    public async Task WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Services.GetRequiredService<QueueDrainer>().WaitUntilIdleAsync(timeout, cancellationToken);
        Log($"idle: {_received.Count} (story, recipient) pairs received");
    }

    /// <summary>Waits until the endpoint has accepted at least <paramref name="pairs"/> (story, recipient) pairs.</summary>
    public async Task<bool> WaitForSentAsync(int pairs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_received.Count < pairs)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100, cancellationToken);
        }
        return true;
    }

    /// <summary>Puts a raw body on a queue, encoded as the Functions queue extension expects (base64) unless <paramref name="raw"/>.</summary>
    public async Task InjectAsync(string queue, string body, bool raw, CancellationToken cancellationToken)
    {
        var client = new QueueClient(Azurite.ConnectionString, queue, new QueueClientOptions { MessageEncoding = raw ? QueueMessageEncoding.None : QueueMessageEncoding.Base64 });
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await client.SendMessageAsync(body, cancellationToken);
    }

    /// <summary>Every poison message of every stage queue with its reason.</summary>
    public async Task<IReadOnlyList<(string Queue, string Reason)>> PoisonAsync(CancellationToken cancellationToken)
    {
        var poison = Services.GetRequiredService<PoisonQueues>();
        var all = new List<(string, string)>();
        foreach (var queue in QueueNames.All)
        {
            all.AddRange((await poison.ListAsync(queue, cancellationToken)).Select(m => (queue, m.Reason ?? "")));
        }
        return all;
    }

    private void Record(JsonElement body)
    {
        foreach (var personalization in body.GetProperty("personalizations").EnumerateArray())
        {
            var story = personalization.TryGetProperty("custom_args", out var args) && args.TryGetProperty("story_id", out var id) ? id.GetString() ?? "?" : "?";
            foreach (var to in personalization.GetProperty("to").EnumerateArray())
            {
                _received.AddOrUpdate((story, to.GetProperty("email").GetString()!.ToLowerInvariant()), 1, (_, n) => n + 1);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await FeedServer.DisposeAsync();
        await SendGrid.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
