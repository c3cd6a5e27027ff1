using Azure.Storage.Queues;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>The poller against Azurite: ledger, feed state and the stories queue are real.</summary>
public sealed class FeedPollerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string WriteFeed(string name, params (string Guid, string Title)[] items)
    {
        var xml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>MFA</title><link>https://www.regjeringen.no/en/dep/ud/</link>
            {string.Concat(items.Select(i => $"<item><title>{i.Title}</title><link>https://www.regjeringen.no/en/{name}/{i.Guid}/</link><description>About {i.Title}</description><guid isPermaLink=\"false\">{name}/{i.Guid}</guid><pubDate>{DateTimeOffset.UtcNow.AddHours(-1):R}</pubDate></item>"))}
            </channel></rss>
            """;
        var path = Path.Combine(_dir.Path, name + ".xml");
        File.WriteAllText(path, xml);
        return path;
    }

    private ServiceProvider Services(string feedName, string path) => azurite.Services(new Dictionary<string, string?>
    {
        ["Feeds:Sources:0:Name"] = feedName,
        ["Feeds:Sources:0:Url"] = path,
    });

    private async Task<List<StoryMessage>> DrainStoriesAsync()
    {
        var queue = azurite.Queues.GetQueueClient(QueueNames.Stories);
        var messages = new List<StoryMessage>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
        {
            foreach (var m in batch)
            {
                messages.Add(MessageSerializer.Deserialize<StoryMessage>(m.Body.ToString()));
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
        return messages;
    }

    [Fact]
    public async Task EnqueuesEachNewStoryOnce()
    {
        var name = "feed-" + Guid.NewGuid().ToString("n")[..8];
        using var services = Services(name, WriteFeed(name, ("g1", "One"), ("g2", "Two")));
        var poller = services.GetRequiredService<IFeedPoller>();

        var first = await poller.PollAllAsync();
        var enqueued = await DrainStoriesAsync();

        Assert.Equal(2, first.Single().NewStories);
        Assert.Equal(2, enqueued.Count(m => m.Feed == name));
        var story = await services.GetRequiredService<IStoryLedger>().GetAsync(enqueued[0].StoryId);
        Assert.Equal(StoryStatus.Enqueued, story!.Status);
    }

    [Fact]
    public async Task SkipsStoriesAlreadyInTheLedgerOnTheNextPoll()
    {
        var name = "feed-" + Guid.NewGuid().ToString("n")[..8];
        var path = WriteFeed(name, ("g1", "One"), ("g2", "Two"));
        using var services = Services(name, path);
        var poller = services.GetRequiredService<IFeedPoller>();
        await poller.PollAllAsync();
        await DrainStoriesAsync();

        WriteFeed(name, ("g3", "Three"), ("g2", "Two, edited"), ("g1", "One"));
        var second = await poller.PollAllAsync();

        Assert.Equal(1, second.Single().NewStories);
        Assert.Single(await DrainStoriesAsync(), m => m.Feed == name);
    }

    [Fact]
    public async Task ReenqueuesAStoryLeftPendingByACrashBetweenLedgerAndQueue()
    {
        var name = "feed-" + Guid.NewGuid().ToString("n")[..8];
        var path = WriteFeed(name, ("g1", "One"));
        // First poll: the queue fails after the ledger write, as a crash would leave it.
        var failing = new Mock<IMessageQueue>();
        failing.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<StoryMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection reset"));
        using (var crashing = azurite.Services(
            new Dictionary<string, string?> { ["Feeds:Sources:0:Name"] = name, ["Feeds:Sources:0:Url"] = path },
            s => s.AddSingleton(failing.Object)))
        {
            var crashed = await crashing.GetRequiredService<IFeedPoller>().PollAllAsync();
            Assert.False(crashed.Single().Ok);
        }

        using var services = Services(name, path);
        var next = await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        var enqueued = (await DrainStoriesAsync()).Where(m => m.Feed == name).ToList();

        Assert.True(next.Single().Ok);
        Assert.Single(enqueued);
        Assert.Equal(StoryStatus.Enqueued, (await services.GetRequiredService<IStoryLedger>().GetAsync(enqueued[0].StoryId))!.Status);
    }

    [Fact]
    public async Task ReportsABrokenFeedAndKeepsPollingTheOthers()
    {
        var good = "feed-" + Guid.NewGuid().ToString("n")[..8];
        var broken = Path.Combine(_dir.Path, "broken.xml");
        File.WriteAllText(broken, "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>");
        using var services = azurite.Services(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Name"] = "broken",
            ["Feeds:Sources:0:Url"] = broken,
            ["Feeds:Sources:1:Name"] = good,
            ["Feeds:Sources:1:Url"] = WriteFeed(good, ("g1", "One")),
        });

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        await DrainStoriesAsync();

        Assert.False(results[0].Ok);
        Assert.True(results[1].Ok);
        Assert.Equal(1, results[1].NewStories);
        var state = await services.GetRequiredService<IFeedStateStore>().GetAsync("broken");
        Assert.True(state!.ConsecutiveFailures >= 1);
        Assert.NotNull(state.LastError);
    }

    public void Dispose() => _dir.Dispose();
}
