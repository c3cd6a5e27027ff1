using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>The poller against a loopback feed server and Azurite: conditional GET, throttling, failures, timeouts, redirects.</summary>
public sealed class ConditionalGetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FeedServer _server = null!;
    private readonly string _name = "feed-" + Guid.NewGuid().ToString("n")[..8];

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // Page ids unique to this test: every test of the class shares one Azurite ledger.
    private readonly string _idPrefix = UniqueIds.PagePrefix();

    // Why: one publication time per test, so the same items give the same bytes however slowly the test runs (a time
    // taken per request changed the body when two polls straddled a second, and the "unchanged body" test flaked).
    private readonly DateTimeOffset _published = DateTimeOffset.UtcNow.AddHours(-1);

    private string Feed(params string[] pageIds) => RegjeringenFeed.Rss(
        "en",
        [.. pageIds.Select(id => new FixtureItem(_idPrefix + id, "Story " + id, _published))]);

    private ServiceProvider Services(string path, Action<IServiceCollection>? configure = null, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Name"] = _name,
            ["Feeds:Sources:0:Url"] = _server.Url(path),
            ["Feeds:RequestTimeout"] = "00:00:10",
            ["Feeds:TotalRequestTimeout"] = "00:00:20",
            ["Feeds:RetryDelay"] = "00:00:00.010",
            ["Feeds:MaxRetries"] = "2",
            ["Feeds:MaxRetryAfterWait"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return azurite.Services(settings, configure);
    }

    /// <summary>Services whose parser, ledger and queue fail the test if they are touched at all.</summary>
    private ServiceProvider Untouchable(string path, Mock<IFeedDocumentParser> parser, Mock<IStoryLedger> ledger, Mock<IMessageQueue> queue) =>
        Services(path, s => s.AddSingleton(parser.Object).AddSingleton(ledger.Object).AddSingleton(queue.Object));

    private static async Task<FeedPollResult> PollAsync(ServiceProvider services) =>
        (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();

    [Fact]
    public async Task A304DoesNoParsingAndNoLedgerOrQueueWork()
    {
        _server.MapBody("/en/rss/", () => Feed("100001", "100002"), etag: "\"v1\"");
        using (var first = Services("/en/rss/"))
        {
            Assert.Equal(2, (await PollAsync(first)).NewStories);
        }
        var (parser, ledger, queue) = (new Mock<IFeedDocumentParser>(MockBehavior.Strict), new Mock<IStoryLedger>(MockBehavior.Strict), new Mock<IMessageQueue>(MockBehavior.Strict));
        using var services = Untouchable("/en/rss/", parser, ledger, queue);

        var second = await PollAsync(services);

        Assert.True(second.Ok, second.Error);
        Assert.True(second.NotModified);
        Assert.Equal("\"v1\"", _server.Requests.Last().IfNoneMatch);
        parser.VerifyNoOtherCalls();
        ledger.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task TheSameBodyFromAServerIgnoringValidatorsIsNotParsedAgain()
    {
        _server.MapBody("/en/rss/", () => Feed("100001"));
        using (var first = Services("/en/rss/"))
        {
            Assert.Equal(1, (await PollAsync(first)).NewStories);
        }
        var (parser, ledger, queue) = (new Mock<IFeedDocumentParser>(MockBehavior.Strict), new Mock<IStoryLedger>(MockBehavior.Strict), new Mock<IMessageQueue>(MockBehavior.Strict));
        using (var services = Untouchable("/en/rss/", parser, ledger, queue))
        {
            var second = await PollAsync(services);
            Assert.True(second.Ok, second.Error);
            Assert.True(second.Unchanged);
            parser.VerifyNoOtherCalls();
            ledger.VerifyNoOtherCalls();
        }

        _server.MapBody("/en/rss/", () => Feed("100003", "100001"));
        using var changed = Services("/en/rss/");
        Assert.Equal(1, (await PollAsync(changed)).NewStories);
    }

    [Fact]
    public async Task A429WithALongRetryAfterSkipsTheFeedUntilThen()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server.Map("/en/rss/", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        using var services = Services("/en/rss/", s => s.AddSingleton<TimeProvider>(clock));

        var throttled = await PollAsync(services);
        clock.Advance(TimeSpan.FromSeconds(60));
        var early = await PollAsync(services);

        Assert.False(throttled.Ok);
        Assert.True(early.Deferred);
        Assert.Equal(1, _server.Hits("/en/rss/"));
        var state = await services.GetRequiredService<IFeedStateStore>().GetAsync(_name);
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), state!.RetryAfter!.Value, TimeSpan.FromSeconds(2));

        _server.MapBody("/en/rss/", () => Feed("100001"));
        clock.Advance(TimeSpan.FromSeconds(61));
        var after = await PollAsync(services);

        Assert.True(after.Ok, after.Error);
        Assert.Equal(2, _server.Hits("/en/rss/"));
    }

    [Fact]
    public async Task AShortRetryAfterIsWaitedOutAndRetriedWithinThePoll()
    {
        var calls = 0;
        _server.Map("/en/rss/", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = "1";
                return;
            }
            await context.Response.WriteAsync(Feed("100001"));
        });
        using var services = Services("/en/rss/");

        var result = await PollAsync(services);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(1, result.NewStories);
        Assert.Equal(2, _server.Hits("/en/rss/"));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedThenRecordedAndOtherFeedsStillPolled()
    {
        _server.Map("/broken/", context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        _server.MapBody("/en/rss/", () => Feed("100001"));
        using var services = Services("/broken/", extra: new()
        {
            ["Feeds:Sources:1:Name"] = _name + "-good",
            ["Feeds:Sources:1:Url"] = _server.Url("/en/rss/"),
        });

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();

        Assert.False(results[0].Ok);
        Assert.Contains("500", results[0].Error);
        Assert.Equal(3, _server.Hits("/broken/"));
        Assert.True(results[1].Ok, results[1].Error);
        var state = await services.GetRequiredService<IFeedStateStore>().GetAsync(_name);
        Assert.Equal(1, state!.ConsecutiveFailures);
    }

    [Fact]
    public async Task AFeedThatNeverAnswersTimesOut()
    {
        _server.Map("/hang/", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var services = Services("/hang/", extra: new()
        {
            ["Feeds:RequestTimeout"] = "00:00:00.300",
            ["Feeds:TotalRequestTimeout"] = "00:00:01",
            ["Feeds:MaxRetries"] = "1",
        });

        var result = await PollAsync(services);

        Assert.False(result.Ok);
        Assert.Equal("timed out", result.Error);
        Assert.Equal("timed out", (await services.GetRequiredService<IFeedStateStore>().GetAsync(_name))!.LastError);
    }

    [Fact]
    public async Task ASlowFeedWithinTheTimeoutIsRead()
    {
        _server.Map("/slow/", async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
            await context.Response.WriteAsync(Feed("100001"), context.RequestAborted);
        });
        using var services = Services("/slow/");

        var result = await PollAsync(services);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(1, result.NewStories);
    }

    [Fact]
    public async Task RedirectsAreFollowedAndSendTheProjectUserAgent()
    {
        _server.Map("/old/", context => { context.Response.Redirect("/en/rss/", permanent: true); return Task.CompletedTask; });
        _server.MapBody("/en/rss/", () => Feed("100001"));
        using var services = Services("/old/");

        var result = await PollAsync(services);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(1, result.NewStories);
        Assert.Equal(1, _server.Hits("/en/rss/"));
        Assert.All(_server.Requests, r => Assert.StartsWith("CampaignFlow/", r.UserAgent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOversizedFeedIsRefused()
    {
        _server.MapBody("/big/", () => Feed([.. Enumerable.Range(100000, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        using var services = Services("/big/", extra: new() { ["Feeds:MaxFeedBytes"] = "4096" });

        var result = await PollAsync(services);

        Assert.False(result.Ok);
        Assert.Contains("larger than 4096 bytes", result.Error);
    }
}
