using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Telemetry;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>Against Azurite: no floods on a first poll or after an outage, poll intervals, filters and feed health.</summary>
public sealed class FeedPolicyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTelemetry _telemetry = new();
    private readonly string _name = "feed-" + Guid.NewGuid().ToString("n")[..8];
    private readonly string _ids = UniqueIds.PagePrefix();

    private FixtureItem Item(string id, double hoursAgo) => new(_ids + id, "Story " + id, _clock.GetUtcNow().AddHours(-hoursAgo));

    private string Path => System.IO.Path.Combine(_dir.Path, _name + ".xml");

    private void Write(params FixtureItem[] items) => File.WriteAllText(Path, RegjeringenFeed.Rss("en", items));

    private ServiceProvider Services(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Name"] = _name,
            ["Feeds:Sources:0:Url"] = Path,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return azurite.Services(settings, s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<IPipelineTelemetry>(_telemetry));
    }

    private static async Task<FeedPollResult> PollAsync(ServiceProvider services) =>
        (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();

    [Fact]
    public async Task AFirstPollAlertsOnlyItemsInsideTheWindowAndRecordsTheRestAsSeen()
    {
        Write(Item("1", hoursAgo: 3), Item("2", hoursAgo: 24 * 5), Item("3", hoursAgo: 24 * 400));
        using var services = Services();

        var first = await PollAsync(services);

        Assert.Equal(1, first.NewStories);
        Assert.Equal(2, first.Seen);
        var ledger = services.GetRequiredService<IStoryLedger>();
        var old = (await ledger.GetAsync(StoryKey.For(new FeedItem { Id = Item("2", 0).Link })))!;
        Assert.Equal(StoryStatus.Skipped, old.Status);

        _clock.Advance(TimeSpan.FromHours(1));
        Write(Item("4", hoursAgo: 24 * 30), Item("1", hoursAgo: 3), Item("2", hoursAgo: 24 * 5));
        var second = await PollAsync(services);

        // Past the first poll every unseen item is news, however old its date.
        Assert.Equal(1, second.NewStories);
        Assert.Equal(0, second.Seen);
    }

    [Fact]
    public async Task AFeedBackAfterALongOutageAlertsOnlyRecentItems()
    {
        Write(Item("1", hoursAgo: 1));
        using var services = Services();
        await PollAsync(services);

        _clock.Advance(TimeSpan.FromDays(10));
        Write(Item("2", hoursAgo: 24 * 6), Item("3", hoursAgo: 2), Item("1", hoursAgo: 24 * 10));
        var back = await PollAsync(services);

        Assert.Equal(1, back.NewStories);
        Assert.Equal(1, back.Seen);
    }

    [Fact]
    public async Task AWindowOfZeroForAFeedAlertsItsWholeBacklog()
    {
        Write(Item("1", hoursAgo: 1), Item("2", hoursAgo: 24 * 365 * 15));
        using var services = Services(new() { ["Feeds:Sources:0:FirstPollWindow"] = "00:00:00" });

        var first = await PollAsync(services);

        Assert.Equal(2, first.NewStories);
    }

    [Fact]
    public async Task AFeedPolledWithinItsIntervalIsNotReadAgain()
    {
        Write(Item("1", hoursAgo: 1));
        using var services = Services(new() { ["Feeds:Sources:0:PollInterval"] = "00:30:00" });
        await PollAsync(services);
        Write(Item("2", hoursAgo: 0), Item("1", hoursAgo: 1));

        _clock.Advance(TimeSpan.FromMinutes(10));
        var early = await PollAsync(services);
        _clock.Advance(TimeSpan.FromMinutes(25));
        var due = await PollAsync(services);

        Assert.True(early.Deferred);
        Assert.Equal(0, early.NewStories);
        Assert.False(due.Deferred);
        Assert.Equal(1, due.NewStories);
    }

    [Fact]
    public async Task TheFilterKeepsOnlyTheItemsOfTheConfiguredMinistry()
    {
        Write(
            Item("1", hoursAgo: 1) with { LinkOverride = $"https://www.regjeringen.no/en/dep/ud/news/ban/id{_ids}1/" },
            Item("2", hoursAgo: 1) with { LinkOverride = $"https://www.regjeringen.no/en/dep/fin/news/budget/id{_ids}2/" });
        using var services = Services(new() { ["Feeds:Sources:0:Filter:LinkPattern"] = "/dep/ud/" });

        var result = await PollAsync(services);

        Assert.Equal(1, result.NewStories);
        Assert.Equal(1, result.Filtered);
    }

    [Fact]
    public void ThePublisherFilterMatchesTheItemsCreator()
    {
        var filter = new FeedFilter { Publishers = ["Ministry of Foreign Affairs", "Utenriksdepartementet"] };

        Assert.True(FeedItemFilter.Keeps(filter, new FeedItem { Title = "x", Author = "Utenriksdepartementet" }));
        Assert.False(FeedItemFilter.Keeps(filter, new FeedItem { Title = "x", Author = "Finansdepartementet" }));
        Assert.False(FeedItemFilter.Keeps(filter, new FeedItem { Title = "x" }));
    }

    [Fact]
    public async Task RaisesAFeedHealthEventOnceAFeedHasFailedThresholdPolls()
    {
        File.WriteAllText(Path, "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>");
        using var services = Services(new() { ["Feeds:FailureAlertThreshold"] = "3" });

        await PollAsync(services);
        await PollAsync(services);
        Assert.Empty(_telemetry.Of(PipelineEvents.FeedHealth));
        await PollAsync(services);

        var health = Assert.Single(_telemetry.Of(PipelineEvents.FeedHealth));
        Assert.Equal(_name, health["feedName"]);
        Assert.Equal(3, health["consecutiveFailures"]);
        var state = (await services.GetRequiredService<IFeedStateStore>().GetAsync(_name))!;
        Assert.Equal(3, state.ConsecutiveFailures);
        Assert.NotNull(state.LastError);
        Assert.Null(state.LastSuccess);
    }

    [Fact]
    public async Task RaisesAFeedHealthEventWhenAFeedHasNotChangedForLong()
    {
        Write(Item("1", hoursAgo: 1));
        using var services = Services(new() { ["Feeds:StaleAfter"] = "14.00:00:00" });
        await PollAsync(services);
        _clock.Advance(TimeSpan.FromDays(10));
        await PollAsync(services);
        Assert.Empty(_telemetry.Of(PipelineEvents.FeedHealth));

        _clock.Advance(TimeSpan.FromDays(5));
        var result = await PollAsync(services);

        Assert.True(result.Unchanged);
        var health = Assert.Single(_telemetry.Of(PipelineEvents.FeedHealth));
        Assert.Equal("stale", health["problem"]);
        var state = (await services.GetRequiredService<IFeedStateStore>().GetAsync(_name))!;
        Assert.Equal(_clock.GetUtcNow().AddDays(-15), state.LastChange);
        Assert.Equal(_clock.GetUtcNow(), state.LastSuccess);
    }

    public void Dispose() => _dir.Dispose();
}
