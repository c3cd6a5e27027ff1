using System.Text;
using System.Text.Json;
using CampaignFlow.Cli.Tools;
using CampaignFlow.Feeds;
using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

/// <summary>
/// Repairs a careful reader makes, found in the real-feed corpus (Support/Feeds/RealFeeds):
/// double-encoded UTF-8, a URL id standing for the link, a permalink guid, atom:updated in RSS.
/// </summary>
public sealed class FeedParserRepairTests
{
    private static FeedItem OnlyRssItem(string item) => Assert.Single(FeedParser.Parse(FeedFixtures.Rss(item)).Items);

    private static FeedItem OnlyAtomEntry(string entry) => Assert.Single(FeedParser.Parse(FeedFixtures.Utf8(
        $"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entry}</feed>""")).Items);

    [Theory]
    [InlineData("Piratage imputÃ© Ã\u00A0 la Russie", "Piratage imputé à la Russie")]
    [InlineData("Polizeieinsatz in KÃ¶lner Silvesternacht", "Polizeieinsatz in Kölner Silvesternacht")]
    [InlineData("spending Â£30 million", "spending £30 million")]
    [InlineData("it wasnâ€™t", "it wasn’t")]
    [InlineData("Â«En Ã©crivantÂ»", "«En écrivant»")]
    public void RepairsDoubleEncodedUtf8InTitlesAndSummaries(string written, string meant)
    {
        var item = OnlyRssItem($"<item><title>{written}</title><description>{written}</description><dc:creator>{written}</dc:creator></item>");

        Assert.Equal(meant, item.Title);
        Assert.Equal(meant, item.Summary);
        Assert.Equal(meant, item.Author);
    }

    [Fact]
    public void RepairsDoubleEncodedUtf8InAtomTextAndEntityEncodedHtml()
    {
        var entry = OnlyAtomEntry("<entry><id>urn:x:1</id><title type=\"text\">FlÃ¼chtlinge</title><summary type=\"html\">&lt;p&gt;KÃ¤ltewelle&lt;/p&gt;</summary></entry>");

        Assert.Equal("Flüchtlinge", entry.Title);
        Assert.Equal("Kältewelle", entry.Summary);
    }

    [Theory]
    [InlineData("NÃO à guerra")]            // Portuguese capitals: Ã before an ASCII letter is not UTF-8
    [InlineData("São Paulo, café, naïve, Ångström")]
    [InlineData("Привет, мир")]
    [InlineData("Ã la carte")]
    [InlineData("café and imputÃ©")]        // half repaired would be a guess: left as written
    [InlineData("€ 30 and 10 ¢")]
    public void LeavesRealTextAlone(string text)
    {
        Assert.Equal(text, OnlyRssItem($"<item><title>{text}</title></item>").Title);
    }

    [Fact]
    public void DoesNotRewriteIdsOrLinks()
    {
        var item = OnlyRssItem("<item><guid isPermaLink=\"false\">id-Ã©</guid><link>https://example.org/Ã©</link><title>t</title></item>");

        Assert.Equal("id-Ã©", item.Id);
        Assert.StartsWith("https://example.org/", item.Link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<id>https://example.org/news/1</id>", "https://example.org/news/1")]
    [InlineData("<id>https://example.org/news/1</id><link rel=\"self\" href=\"https://example.org/api/1\"/>", "https://example.org/news/1")]
    [InlineData("<id>https://example.org/news/1</id><link href=\"https://example.org/story/1\"/>", "https://example.org/story/1")]
    [InlineData("<id>tag:example.org,2008:1</id>", null)]
    [InlineData("<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>", null)]
    public void AnAtomEntryWithNoLinkTakesAWebAddressIdAsItsLink(string entry, string? link)
    {
        Assert.Equal(link, OnlyAtomEntry($"<entry><title>t</title>{entry}</entry>").Link);
    }

    [Theory]
    [InlineData("<guid>https://example.org/1</guid>", "https://example.org/1")]
    [InlineData("<guid isPermaLink=\"true\">https://example.org/1</guid>", "https://example.org/1")]
    [InlineData("<guid isPermaLink=\"False\">https://example.org/1</guid>", null)]
    [InlineData("<guid isPermaLink=\" false \">https://example.org/1</guid>", null)]
    [InlineData("<guid>12345</guid>", null)]
    public void AnRssItemWithNoLinkTakesItsPermalinkGuid(string guid, string? link)
    {
        Assert.Equal(link, OnlyRssItem($"<item><title>t</title>{guid}</item>").Link);
    }

    [Fact]
    public void ReadsAtomUpdatedInAnRssItem()
    {
        var item = OnlyRssItem("<item xmlns:atom=\"http://www.w3.org/2005/Atom\"><title>t</title><atom:updated>2018-11-19T08:42:59.267Z</atom:updated></item>");

        Assert.Equal(new DateTimeOffset(2018, 11, 19, 8, 42, 59, 267, TimeSpan.Zero), item.Updated);
    }

    [Fact]
    public void FeedsInspectShowsTheRepairs()
    {
        var atom = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>KÃ¶ln</title>"
            + "<entry><id>https://example.org/n/1</id><title>imputÃ© Ã\u00A0 la Russie</title></entry></feed>");

        using var json = JsonDocument.Parse(FeedInspector.Inspect("x.xml", atom));

        Assert.Equal("Köln", json.RootElement.GetProperty("title").GetString());
        var item = json.RootElement.GetProperty("items")[0];
        Assert.Equal("imputé à la Russie", item.GetProperty("title").GetString());
        Assert.Equal("https://example.org/n/1", item.GetProperty("link").GetString());
    }
}
