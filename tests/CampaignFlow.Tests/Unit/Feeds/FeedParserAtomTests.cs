using CampaignFlow.Feeds;

using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedParserAtomTests
{
    [Fact]
    public void ReadsAtom10EntriesWithTextConstructs()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="text">Coalition &amp; friends</title>
              <id>urn:uuid:feed</id>
              <link rel="self" href="https://example.org/atom"/>
              <link rel="alternate" type="text/html" href="https://example.org/"/>
              <updated>2008-05-30T10:00:00Z</updated>
              <author><name>Feed author</name></author>
              <entry>
                <title type="html">Dublin &lt;b&gt;adopts&lt;/b&gt; the Convention</title>
                <id>tag:example.org,2008:dublin</id>
                <link href="https://example.org/dublin"/>
                <published>2008-05-30T12:00:00+01:00</published>
                <updated>2008-05-31T00:00:00Z</updated>
                <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>107 states <em>adopted</em> it.</p></div></summary>
                <content type="html">&lt;p&gt;Full text&lt;/p&gt;</content>
                <author><name>One</name></author>
                <author><name>Two</name></author>
              </entry>
            </feed>
            """));

        Assert.Equal(FeedFormat.Atom, feed.Format);
        Assert.Equal("Coalition & friends", feed.Title);
        Assert.Equal("https://example.org/", feed.Link);
        Assert.Equal("urn:uuid:feed", feed.Id);
        Assert.Equal("Feed author", feed.Author);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("Dublin adopts the Convention", entry.Title);
        Assert.Equal("tag:example.org,2008:dublin", entry.Id);
        Assert.Equal("https://example.org/dublin", entry.Link);
        Assert.Equal("107 states adopted it.", entry.Summary);
        Assert.Equal("<p>Full text</p>", entry.ContentHtml);
        Assert.Equal(new DateTimeOffset(2008, 5, 30, 11, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal(["One", "Two"], entry.Authors);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void ReadsAtom03ModifiedIssuedAndEscapedContent()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title>Old Atom</title>
              <modified>2004-01-01T19:48:21Z</modified>
              <entry>
                <title mode="escaped" type="text/html">A &amp;amp; B</title>
                <link rel="alternate" type="text/html" href="http://example.org/1"/>
                <issued>2003-12-31T10:14:55-05:00</issued>
                <modified>2004-01-01T19:48:21Z</modified>
                <summary>plain summary</summary>
              </entry>
            </feed>
            """));

        Assert.Equal(FeedFormat.Atom, feed.Format);
        Assert.Equal(new DateTimeOffset(2004, 1, 1, 19, 48, 21, TimeSpan.Zero), feed.Updated);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("A & B", entry.Title);
        Assert.Equal(new DateTimeOffset(2003, 12, 31, 15, 14, 55, TimeSpan.Zero), entry.Published);
        Assert.Equal("plain summary", entry.Summary);
    }

    [Fact]
    public void ResolvesRelativeLinksAgainstXmlBase()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/news/">
              <link href="index.html"/>
              <entry xml:base="2008/">
                <link href="dublin.html"/>
              </entry>
              <entry>
                <link href="/root.html"/>
              </entry>
            </feed>
            """), baseUri: new Uri("https://ignored.example/"));

        Assert.Equal("https://example.org/news/index.html", feed.Link);
        Assert.Equal("https://example.org/news/2008/dublin.html", feed.Items[0].Link);
        Assert.Equal("https://example.org/root.html", feed.Items[1].Link);
    }

    [Fact]
    public void ResolvesRelativeXmlBaseAgainstTheDocumentAddress()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="news/"><entry><link href="a.html"/></entry></feed>
            """), baseUri: new Uri("https://example.org/feeds/atom.xml"));

        Assert.Equal("https://example.org/feeds/news/a.html", feed.Items[0].Link);
    }
}
