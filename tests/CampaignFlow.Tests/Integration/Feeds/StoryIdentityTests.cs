using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Telemetry;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>Identity and dedupe against Azurite: reordering, edits, re-publication and language versions never alert twice.</summary>
public sealed class StoryIdentityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingTelemetry _telemetry = new();
    private readonly string _run = Guid.NewGuid().ToString("n")[..8];
    private readonly string _ids = UniqueIds.PagePrefix();

    private FixtureItem Item(string id, string title, double hoursAgo = 1, string language = "en") =>
        new(_ids + id, title, _clock.GetUtcNow().AddHours(-hoursAgo)) { Language = language };

    private string Write(string feed, string language, params FixtureItem[] items)
    {
        var path = Path.Combine(_dir.Path, feed + ".xml");
        File.WriteAllText(path, RegjeringenFeed.Rss(language, items));
        return path;
    }

    private ServiceProvider Services(params (string Name, string Language)[] feeds) => Services(null, feeds);

    private ServiceProvider Services(string? releaseKeyPattern, params (string Name, string Language)[] feeds)
    {
        var settings = new Dictionary<string, string?>();
        if (releaseKeyPattern is not null)
        {
            settings["Feeds:ReleaseKeyPattern"] = releaseKeyPattern;
        }
        for (var i = 0; i < feeds.Length; i++)
        {
            settings[$"Feeds:Sources:{i}:Name"] = _run + feeds[i].Name;
            settings[$"Feeds:Sources:{i}:Url"] = Path.Combine(_dir.Path, feeds[i].Name + ".xml");
            settings[$"Feeds:Sources:{i}:Language"] = feeds[i].Language;
        }
        return azurite.Services(settings, s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<IPipelineTelemetry>(_telemetry));
    }

    private async Task<List<StoryMessage>> DrainAsync()
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
        return [.. messages.Where(m => m.Feed.StartsWith(_run, StringComparison.Ordinal))];
    }

    [Fact]
    public async Task ReorderingTheFeedMakesNothingNew()
    {
        Write("en", "en", Item("1", "One"), Item("2", "Two"), Item("3", "Three"));
        using var services = Services(("en", "en"));
        var poller = services.GetRequiredService<IFeedPoller>();
        Assert.Equal(3, (await poller.PollAllAsync()).Single().NewStories);
        await DrainAsync();

        Write("en", "en", Item("3", "Three"), Item("1", "One"), Item("2", "Two"));
        var second = (await poller.PollAllAsync()).Single();

        Assert.Equal(0, second.NewStories);
        Assert.Equal(0, second.Updated);
        Assert.Empty(await DrainAsync());
    }

    [Fact]
    public async Task AnEditedTitleIsRecordedAsAnUpdateNotANewAlert()
    {
        Write("en", "en", Item("1", "Norway to host conference on cluster munitions"));
        using var services = Services(("en", "en"));
        var poller = services.GetRequiredService<IFeedPoller>();
        await poller.PollAllAsync();
        var id = (await DrainAsync()).Single().StoryId;

        Write("en", "en", Item("1", "Norway hosts Oslo conference on cluster munitions") with { Summary = "Corrected summary." });
        var second = (await poller.PollAllAsync()).Single();

        Assert.Equal(0, second.NewStories);
        Assert.Equal(1, second.Updated);
        Assert.Empty(await DrainAsync());
        var story = (await services.GetRequiredService<IStoryLedger>().GetAsync(id))!;
        Assert.Equal("Norway hosts Oslo conference on cluster munitions", story.Title);
        Assert.Equal("Norway to host conference on cluster munitions", story.PreviousTitle);
        Assert.Equal("Corrected summary.", story.Summary);
        Assert.Equal(1, story.Updates);
        Assert.Equal(StoryStatus.Enqueued, story.Status);
        Assert.Contains(_telemetry.Events, e => e.Name == PipelineEvents.StoryUpdated && e.StoryId == id);
    }

    [Fact]
    public async Task ARepublishedStoryIsNotNewAgainWithANewDateOrANewGuid()
    {
        var original = Item("1", "Convention on Cluster Munitions enters into force", hoursAgo: 5);
        Write("en", "en", original);
        using var services = Services(("en", "en"));
        var poller = services.GetRequiredService<IFeedPoller>();
        await poller.PollAllAsync();
        var id = (await DrainAsync()).Single().StoryId;

        // Same guid, new date: the same story.
        Write("en", "en", original with { Published = _clock.GetUtcNow() });
        var redated = (await poller.PollAllAsync()).Single();
        // Same page (id number) under a new address and so a new guid: a re-publication of the same release.
        Write("en", "en", original with { Slug = "ccm-in-force-republished" });
        var moved = (await poller.PollAllAsync()).Single();

        Assert.Equal(0, redated.NewStories);
        Assert.Equal(0, moved.NewStories);
        Assert.Equal(1, moved.Seen);
        Assert.Empty(await DrainAsync());
        Assert.Equal(StoryStatus.Enqueued, (await services.GetRequiredService<IStoryLedger>().GetAsync(id))!.Status);
    }

    [Fact]
    public async Task TheNorwegianVersionOfAnEnglishReleaseIsLinkedToItAndNotAlertedAgain()
    {
        Write("en", "en", Item("1", "Nearly 30 additional countries join initiative for a ban on cluster munitions") with { Slug = "lima-cluster" });
        Write("no", "no", Item("1", "Nesten 30 nye land slutter seg til arbeidet for et forbud mot klaseammunisjon", language: "no") with { Slug = "lima-klase" });
        using var services = Services(("en", "en"), ("no", "no"));

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        var enqueued = await DrainAsync();

        Assert.Equal(1, results[0].NewStories);
        Assert.Equal(0, results[1].NewStories);
        Assert.Equal(1, results[1].LanguageVersions);
        var english = (await services.GetRequiredService<IStoryLedger>().GetAsync(Assert.Single(enqueued).StoryId))!;
        Assert.Equal("en", english.Language);
        var norwegianId = english.LanguageVersions["no"];
        var norwegian = (await services.GetRequiredService<IStoryLedger>().GetAsync(norwegianId))!;
        Assert.Equal(StoryStatus.LanguageVersion, norwegian.Status);
        Assert.Equal(english.Id, norwegian.ReleaseOf);
        Assert.Equal(english.ReleaseKey, norwegian.ReleaseKey);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ItemsOfTwoLanguagesSharingOneGuidStayTwoVersionsOfOneStoryWhicheverComesFirst(bool englishFirst)
    {
        // An id-only URL as the guid (and link) of both language versions, both feeds polled in one cycle.
        var shared = $"https://www.regjeringen.no/id{_ids}9/";
        Write("en", "en", Item("9", "Norway welcomes the 100th state party to the Convention on Cluster Munitions") with { LinkOverride = shared });
        Write("no", "no", Item("9", "Norge ønsker den 100. statsparten til konvensjonen om klaseammunisjon velkommen", language: "no") with { LinkOverride = shared });
        var feeds = englishFirst ? new[] { ("en", "en"), ("no", "no") } : new[] { ("no", "no"), ("en", "en") };
        using var services = Services(feeds);

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        var enqueued = await DrainAsync();
        await services.GetRequiredService<IFeedPoller>().PollAllAsync();

        Assert.Equal(1, results[0].NewStories);
        Assert.Equal(0, results[1].NewStories);
        Assert.Equal(0, results[1].Updated);
        Assert.Equal(1, results[1].LanguageVersions);
        var ledger = services.GetRequiredService<IStoryLedger>();
        var original = (await ledger.GetAsync(Assert.Single(enqueued).StoryId))!;
        var (first, second) = englishFirst ? ("en", "no") : ("no", "en");
        Assert.Equal(first, original.Language);
        var version = (await ledger.GetAsync(original.LanguageVersions[second]))!;
        Assert.Equal(second, version.Language);
        Assert.Equal(original.Id, version.ReleaseOf);
        Assert.Equal(StoryStatus.LanguageVersion, version.Status);
        // Neither text overwrote the other, on the first poll or the next.
        var english = englishFirst ? original : version;
        var norwegian = englishFirst ? version : original;
        Assert.StartsWith("Norway welcomes", english.Title);
        Assert.StartsWith("Norge ønsker", norwegian.Title);
        Assert.Equal(0, english.Updates);
        Assert.Equal(0, norwegian.Updates);
    }

    [Fact]
    public async Task AnEmptyReleaseKeyPatternTurnsLanguageLinkingOff()
    {
        // docs/feeds.md: "empty turns language linking off": the same release in two languages is then two stories.
        Write("en", "en", Item("1", "Nearly 30 additional countries join initiative for a ban on cluster munitions") with { Slug = "lima-cluster" });
        Write("no", "no", Item("1", "Nesten 30 nye land slutter seg til arbeidet for et forbud mot klaseammunisjon", language: "no") with { Slug = "lima-klase" });
        using var services = Services("", ("en", "en"), ("no", "no"));

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        var enqueued = await DrainAsync();

        Assert.Equal(1, results[0].NewStories);
        Assert.Equal(1, results[1].NewStories);
        Assert.Equal(0, results[1].LanguageVersions);
        Assert.Equal(2, enqueued.Count);
        var ledger = services.GetRequiredService<IStoryLedger>();
        foreach (var message in enqueued)
        {
            var story = (await ledger.GetAsync(message.StoryId))!;
            Assert.Null(story.ReleaseKey);
            Assert.Empty(story.LanguageVersions);
        }
    }

    [Fact]
    public async Task DifferentReleasesPublishedAtTheSameMomentStayApart()
    {
        Write("en", "en", Item("1", "Statement on Laos"), Item("2", "Statement on Lebanon"));
        Write("no", "no", Item("3", "Uttalelse om Angola", language: "no"));
        using var services = Services(("en", "en"), ("no", "no"));

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();

        Assert.Equal(2, results[0].NewStories);
        Assert.Equal(1, results[1].NewStories);
        Assert.Equal(3, (await DrainAsync()).Count);
    }

    public void Dispose() => _dir.Dispose();
}
