using CampaignFlow.Feeds;

using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedParserRdfTests
{
    private const string Rdf = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://example.org/rss">
            <title>Mine Action News</title>
            <link>https://example.org/</link>
            <dc:date>2008-12-03T09:00:00+01:00</dc:date>
          </channel>
          <item rdf:about="https://example.org/news/ccm-signed">
            <title>Convention on Cluster Munitions signed in Oslo</title>
            <link>https://example.org/news/ccm-signed</link>
            <description>94 states signed the &lt;em&gt;Convention&lt;/em&gt;.</description>
            <dc:date>2008-12-03T18:30:00+01:00</dc:date>
            <dc:creator>Press office</dc:creator>
          </item>
        </rdf:RDF>
        """;

    [Fact]
    public void ReadsChannelAndItemsOfRss10()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(Rdf.Trim()));

        Assert.Equal(FeedFormat.Rss1, feed.Format);
        Assert.Equal("Mine Action News", feed.Title);
        Assert.Equal("https://example.org/rss", feed.Id);
        Assert.Equal(new DateTimeOffset(2008, 12, 3, 8, 0, 0, TimeSpan.Zero), feed.Updated);
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://example.org/news/ccm-signed", item.Id);
        Assert.Equal("94 states signed the Convention.", item.Summary);
        Assert.Equal(new DateTimeOffset(2008, 12, 3, 17, 30, 0, TimeSpan.Zero), item.Updated);
        Assert.Equal("Press office", item.Author);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void ReadsRss090()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
              <channel><title>Old</title><link>http://example.org/</link></channel>
              <item><title>First</title><link>http://example.org/1</link></item>
            </rdf:RDF>
            """));

        Assert.Equal(FeedFormat.Rss1, feed.Format);
        Assert.Equal("First", Assert.Single(feed.Items).Title);
    }
}
