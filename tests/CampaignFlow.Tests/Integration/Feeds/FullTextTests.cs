using System.Text;
using CampaignFlow.Classification;
using CampaignFlow.Feeds;
using CampaignFlow.Pipeline;
using CampaignFlow.Stories;
using CampaignFlow.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CampaignFlow.Tests.Integration.Feeds;

/// <summary>Full text from article pages on a loopback server, stored in blob storage on Azurite.</summary>
public sealed class FullTextTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Paragraph =
        "At the Lima conference nearly thirty more countries joined the international process to ban cluster munitions, " +
        "bringing the number of states that support the Oslo Declaration to more than seventy. ";

    private FeedServer _server = null!;
    private readonly string _name = "feed-" + Guid.NewGuid().ToString("n")[..8];
    private readonly string _ids = UniqueIds.PagePrefix();

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Page(string marker, int paragraphs = 6) => $"""
        <!doctype html><html lang="en"><head><title>Lima conference</title></head>
        <body><nav><a href="/en/">Home</a> <a href="/no/">Norsk</a></nav>
        <main><article><h1>Nearly 30 additional countries join initiative</h1>
        {string.Concat(Enumerable.Repeat($"<p>{Paragraph}</p>", paragraphs))}
        <p>{marker}</p></article></main>
        <footer>Government.no</footer></body></html>
        """;

    private FixtureItem Item(string id, string? link = null) =>
        new(_ids + id, "Story " + id, DateTimeOffset.UtcNow.AddHours(-1)) { Site = _server.BaseUrl, LinkOverride = link };

    private ServiceProvider Services(bool allowPrivate = true, Dictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Name"] = _name,
            ["Feeds:Sources:0:Url"] = _server.Url("/en/rss/"),
            ["Feeds:Articles:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return azurite.Services(settings, configure);
    }

    private static async Task<Story> OnlyStoryAsync(ServiceProvider services, FixtureItem item) =>
        (await services.GetRequiredService<IStoryLedger>().GetAsync(StoryKey.For(new FeedItem { Id = item.Link })))!;

    [Fact]
    public async Task FetchesTheArticleOfASummaryOnlyItemAndTheClassifierReadsIt()
    {
        var item = Item("1");
        _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", item));
        _server.MapBody(new Uri(item.Link).AbsolutePath, () => Page("END-OF-ARTICLE"), "text/html; charset=utf-8");
        StoryText? seen = null;
        var classifier = new Mock<IStoryClassifier>();
        classifier.Setup(c => c.Classify(It.IsAny<StoryText>())).Callback<StoryText>(t => seen = t).Returns(new RuleBasedClassifier(StaticRuleSetProvider.Default()).Classify(new StoryText("x", "x", "x")));
        using var services = Services(configure: s => s.AddSingleton(classifier.Object));

        var result = (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();
        var story = await OnlyStoryAsync(services, item);
        await services.GetRequiredService<IPipelineStage<StoryMessage, StoryVerdict>>().HandleAsync(new StoryMessage(story.Id, _name));

        Assert.Equal(1, result.NewStories);
        Assert.True(story.HasFullText);
        var text = await services.GetRequiredService<IStoryTextStore>().GetAsync(story.Id);
        Assert.Contains("END-OF-ARTICLE", text);
        Assert.Contains("Oslo Declaration", text);
        Assert.DoesNotContain("Government.no", text);
        Assert.Contains("END-OF-ARTICLE", seen!.Body);
    }

    [Fact]
    public async Task DoesNotFetchArticlesFromOtherHostsOrTheMetadataAddress()
    {
        var port = new Uri(_server.BaseUrl).Port;
        var offHost = Item("1", $"http://localhost:{port}/en/aktuelt/off-host/id{_ids}1/");
        var metadata = Item("2", $"http://169.254.169.254/latest/meta-data/id{_ids}2/");
        _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", offHost, metadata));
        _server.MapBody($"/en/aktuelt/off-host/id{_ids}1/", () => Page("SHOULD-NOT-BE-READ"), "text/html");
        using var services = Services();

        var result = (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();

        Assert.Equal(2, result.NewStories);
        Assert.Equal(0, _server.Hits($"/en/aktuelt/off-host/id{_ids}1/"));
        Assert.False((await OnlyStoryAsync(services, offHost)).HasFullText);
        Assert.False((await OnlyStoryAsync(services, metadata)).HasFullText);
    }

    [Fact]
    public async Task DoesNotConnectToALoopbackAddressEvenOnTheFeedsOwnHost()
    {
        var item = Item("1");
        _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", item));
        _server.MapBody(new Uri(item.Link).AbsolutePath, () => Page("SHOULD-NOT-BE-READ"), "text/html");
        using var services = Services(allowPrivate: false);

        var result = (await services.GetRequiredService<IFeedPoller>().PollAllAsync()).Single();

        Assert.Equal(1, result.NewStories);
        Assert.Equal(0, _server.Hits(new Uri(item.Link).AbsolutePath));
        Assert.False((await OnlyStoryAsync(services, item)).HasFullText);
    }

    [Fact]
    public async Task AnOversizedArticleIsCutAtTheLimit()
    {
        var item = Item("1");
        _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", item));
        _server.MapBody(new Uri(item.Link).AbsolutePath, () => Page("END-OF-HUGE-ARTICLE", paragraphs: 20_000), "text/html; charset=utf-8");
        using var services = Services(extra: new() { ["Feeds:Articles:MaxBytes"] = "65536" });

        await services.GetRequiredService<IFeedPoller>().PollAllAsync();
        var story = await OnlyStoryAsync(services, item);
        var text = await services.GetRequiredService<IStoryTextStore>().GetAsync(story.Id);

        Assert.True(story.HasFullText);
        Assert.Contains("Oslo Declaration", text);
        Assert.DoesNotContain("END-OF-HUGE-ARTICLE", text);
        Assert.True(Encoding.UTF8.GetByteCount(text!) <= 65536);
    }

    [Fact]
    public async Task APageLinkedAsTheEnglishArticlesNorwegianVersionIsLinkedEvenWithAnotherPageId()
    {
        var english = Item("1");
        var norwegian = Item("2") with { Language = "no", Title = "Nesten 30 nye land" };
        _server.MapBody("/en/rss/", () => RegjeringenFeed.Rss("en", english));
        _server.MapBody("/no/rss/", () => RegjeringenFeed.Rss("no", norwegian));
        _server.MapBody(
            new Uri(english.Link).AbsolutePath,
            () => Page("END").Replace("<title>", $"<link rel=\"alternate\" hreflang=\"nb\" href=\"{new Uri(norwegian.Link).AbsolutePath}\"><title>", StringComparison.Ordinal),
            "text/html; charset=utf-8");
        _server.MapBody(new Uri(norwegian.Link).AbsolutePath, () => Page("SLUTT"), "text/html; charset=utf-8");
        using var services = Services(extra: new()
        {
            ["Feeds:Sources:1:Name"] = _name + "-no",
            ["Feeds:Sources:1:Url"] = _server.Url("/no/rss/"),
            ["Feeds:Sources:1:Language"] = "no",
        });

        var results = await services.GetRequiredService<IFeedPoller>().PollAllAsync();

        Assert.Equal(1, results[0].NewStories);
        Assert.Equal(0, results[1].NewStories);
        Assert.Equal(1, results[1].LanguageVersions);
        var story = await OnlyStoryAsync(services, english);
        Assert.Equal(StoryKey.For(new FeedItem { Id = norwegian.Link }), story.LanguageVersions["no"]);
    }

    [Fact]
    public void OnlyTheFeedsHostAndAllowedHostsAreArticleHosts()
    {
        var source = new FeedSource { Name = "mfa", Url = "https://www.regjeringen.no/en/rss/Rss/2581966/" };
        var articles = new ArticleOptions { AllowedHosts = ["www.government.no"] };

        Assert.True(ArticleFetcher.IsAllowed(source, new Uri("https://www.regjeringen.no/en/aktuelt/x/id1/"), articles));
        Assert.True(ArticleFetcher.IsAllowed(source, new Uri("https://www.government.no/en/aktuelt/x/id1/"), articles));
        Assert.False(ArticleFetcher.IsAllowed(source, new Uri("https://evil.example/x"), articles));
        Assert.False(ArticleFetcher.IsAllowed(source, new Uri("http://169.254.169.254/latest/meta-data/"), articles));
        Assert.False(ArticleFetcher.IsAllowed(source, new Uri("file:///etc/passwd"), articles));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("185.8.72.10", false)]
    [InlineData("2a01:4f8::1", false)]
    public void RecognisesPrivateAndLocalAddresses(string address, bool privateOrLocal) =>
        Assert.Equal(privateOrLocal, NetworkAddress.IsPrivateOrLocal(System.Net.IPAddress.Parse(address)));
}
