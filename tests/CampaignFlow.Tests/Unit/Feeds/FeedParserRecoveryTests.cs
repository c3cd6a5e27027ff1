using CampaignFlow.Feeds;

using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedParserRecoveryTests
{
    [Fact]
    public void DecodesHtmlNamedEntitiesThatXmlDoesNotDeclare()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss("<title>caf&eacute; &mdash; &euro;5&nbsp;&hellip;</title>"));

        Assert.Equal("café — €5\u00a0…", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("eacute", StringComparison.Ordinal));
    }

    [Fact]
    public void DecodesNumericAndPredefinedEntitiesWithoutWarnings()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss("<title>&#8220;A&#x2019;s&#8221; &amp; 1 &lt; 2</title>"));

        Assert.Equal("“A’s” & 1 < 2", feed.Title);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void EscapesBareAmpersandsInLinks()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss("<item><link>http://example.org/?a=1&b=2</link></item>"));

        Assert.Equal("http://example.org/?a=1&b=2", feed.Items[0].Link);
        Assert.Contains(feed.Warnings, w => w.Contains("unescaped '&'", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepsUnknownEntitiesAsText()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss("<title>A &bogus; B</title>"));

        Assert.Equal("A &bogus; B", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("bogus", StringComparison.Ordinal));
    }

    [Fact]
    public void DeclaresUndeclaredNamespacePrefixes()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<rss version=\"2.0\"><channel><item><title>T</title><dc:creator>Press office</dc:creator><itunes:author>x</itunes:author></item></channel></rss>"));

        Assert.Equal("Press office", feed.Items[0].Author);
        Assert.Contains(feed.Warnings, w => w.Contains("dc, itunes", StringComparison.Ordinal));
    }

    [Fact]
    public void IgnoresADoctypeWithoutWarning()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>T</title></channel></rss>"));

        Assert.Equal("T", feed.Title);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void ExpandsPlainInternalEntitiesLikeFeedparser()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<!DOCTYPE rss [<!ENTITY id \"tag:example.com,\">]><rss><channel><item><guid>&id;2006:/blog/</guid></item></channel></rss>"));

        Assert.Equal("tag:example.com,2006:/blog/", feed.Items[0].Id);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void ReadsItemsBeforeAnUnclosedCdataSection()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>First</title></item><item><title><![CDATA[Second"));

        Assert.Equal("T", feed.Title);
        Assert.Equal(["First", "Second"], feed.Items.Select(i => i.Title));
        Assert.Contains(feed.Warnings, w => w.Contains("CDATA", StringComparison.Ordinal));
    }

    [Fact]
    public void ClosesTruncatedDocuments()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>First</title><link>http://example.org/1</link></item><item><title>Sec"));

        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("http://example.org/1", feed.Items[0].Link);
        Assert.NotEmpty(feed.Warnings);
    }

    [Fact]
    public void RecoversFromMismatchedTags()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>One <b>bold</title></item><item><title>Two</title></item></channel></rss>"));

        Assert.Equal(["One bold", "Two"], feed.Items.Select(i => i.Title));
        Assert.NotEmpty(feed.Warnings);
    }

    [Fact]
    public void AcceptsAnXmlDeclarationAfterAComment()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8("<!-- generated --><?xml version=\"1.0\"?><rss><channel><title>T</title></channel></rss>"));

        Assert.Equal("T", feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("XML declaration", StringComparison.Ordinal));
    }

    [Fact]
    public void RemovesControlCharacters()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss("<title>A\u0001B</title>"));

        Assert.Equal("AB", feed.Title);
        Assert.NotEmpty(feed.Warnings);
    }

    [Fact]
    public void RejectsXmlThatIsNotAFeed()
    {
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(FeedFixtures.Utf8("<config><a>1</a></config>")));

        Assert.Contains("not a feed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("file:///etc/passwd")]
    public void DropsLinksThatAreNotWebLinks(string link)
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss($"<item><title>T</title><link>{link}</link></item>"));

        Assert.Null(feed.Items[0].Link);
        Assert.Contains(feed.Warnings, w => w.Contains("was dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void UsesAPermalinkGuidAsTheLinkWhenThereIsNone()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss(
            "<item><guid>https://example.org/1</guid></item><item><guid isPermaLink=\"false\">https://example.org/2</guid></item><item><guid>tag:example.org,2008:3</guid></item>"));

        Assert.Equal(["https://example.org/1", null, null], feed.Items.Select(i => i.Link));
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void LeavesADoctypeInsideCdataContentAlone()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            "<rss><channel><item><title>caf&eacute;</title><content:encoded><![CDATA[<!DOCTYPE html><?xml version=\"1.0\"?><p>x</p>]]></content:encoded></item></channel></rss>"));

        Assert.Equal("café", feed.Items[0].Title);
        Assert.Equal("<!DOCTYPE html><?xml version=\"1.0\"?><p>x</p>", feed.Items[0].ContentHtml);
    }
}
