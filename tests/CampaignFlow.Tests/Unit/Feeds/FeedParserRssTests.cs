using CampaignFlow.Feeds;

using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedParserRssTests
{
    [Fact]
    public void ReadsTheItemsOfARegjeringenFeed()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-en.xml"), "application/rss+xml; charset=utf-8",
            new Uri("https://www.regjeringen.no/en/rss/Rss/2581966/"));

        Assert.Equal(FeedFormat.Rss2, feed.Format);
        Assert.Equal("Regjeringen.no - News", feed.Title);
        Assert.Equal("https://www.regjeringen.no/en/", feed.Link);
        Assert.Equal(new DateTimeOffset(2007, 6, 1, 8, 15, 0, TimeSpan.Zero), feed.Updated);
        Assert.Empty(feed.Warnings);
        Assert.Equal(3, feed.Items.Count);
        var lima = feed.Items[0];
        Assert.Equal("Nearly 30 additional countries join initiative for a ban on cluster munitions", lima.Title);
        Assert.EndsWith("/lima_cluster/id465815/", lima.Link, StringComparison.Ordinal);
        Assert.Equal(lima.Link, lima.Id);
        Assert.StartsWith("At a conference held in Lima from 23 to 25 May", lima.Summary, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2007, 5, 31, 13, 30, 0, TimeSpan.Zero), lima.Published);
        Assert.Equal("Ministry of Foreign Affairs", lima.Author);
    }

    [Fact]
    public void NormalisesPubDateOffsetsAndNamedZonesToUtc()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-en.xml"));

        Assert.Equal(new DateTimeOffset(2007, 2, 21, 8, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.Equal(TimeSpan.Zero, feed.Items[1].Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2007, 5, 30, 8, 0, 0, TimeSpan.Zero), feed.Items[2].Published);
    }

    [Fact]
    public void StripsMarkupAndDecodesEntitiesInDescriptions()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-en.xml"));

        Assert.Equal(
            "Norway will host an international conference in Oslo on 22–23 February to launch a process towards a ban on cluster munitions that cause unacceptable harm to civilians. Ministry of Foreign Affairs",
            feed.Items[1].Summary);
    }

    [Fact]
    public void ResolvesRelativeLinksAgainstTheBaseUri()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-en.xml"), baseUri: new Uri("https://www.regjeringen.no/en/rss/Rss/2581966/"));

        Assert.Equal("https://www.regjeringen.no/en/aktuelt/budget_fisheries/id465900/", feed.Items[2].Link);
        Assert.Equal("465900", feed.Items[2].Id);
    }

    [Fact]
    public void ReadsTheNorwegianFeedInItsDeclaredEncodingWithSlashDates()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-no.xml"));

        Assert.Empty(feed.Warnings);
        Assert.Equal("Nær 30 nye land slutter seg til initiativet for et forbud mot klasevåpen", feed.Items[0].Title);
        Assert.Equal(new DateTimeOffset(2007, 5, 31, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal("Norge er vertskap for en internasjonal konferanse i Oslo 22.–23. februar.", feed.Items[1].Summary);
        Assert.Equal("Utenriksdepartementet", feed.Items[1].Author);
    }

    [Fact]
    public void RecoversItemsFromABrokenFeedAndSaysWhatWasWrong()
    {
        var feed = FeedParser.Parse(FeedFixtures.Read("regjeringen-broken.xml"));

        Assert.Equal("Regjeringen.no – News", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("Minister\u00a0of Foreign Affairs meets the Cluster Munition Coalition", feed.Items[0].Title);
        Assert.Equal("https://www.regjeringen.no/en/aktuelt/search?id=465815&lang=en", feed.Items[0].Link);
        Assert.Equal("The coalition & the ministry discussed the Convention.", feed.Items[0].Summary);
        Assert.Equal("Ministry of Foreign Affairs", feed.Items[0].Author);
        Assert.Equal("Second story é", feed.Items[1].Title);
        Assert.Equal(new DateTimeOffset(2007, 6, 1, 7, 5, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.Contains(feed.Warnings, w => w.Contains("HTML entities", StringComparison.Ordinal));
        Assert.Contains(feed.Warnings, w => w.Contains("unescaped '&'", StringComparison.Ordinal));
        Assert.Contains(feed.Warnings, w => w.Contains("undeclared namespace prefixes", StringComparison.Ordinal));
    }

    [Fact]
    public void KeepsContentEncodedAsRawHtml()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss(
            "<item><title>T</title><description>Short &lt;b&gt;summary&lt;/b&gt;</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded></item>"));

        Assert.Equal("<p>Full <b>text</b></p>", feed.Items[0].ContentHtml);
        Assert.Equal("Short summary", feed.Items[0].Summary);
    }

    [Fact]
    public void CollapsesWhiteSpaceAndDropsScriptsFromSummaries()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss(
            "<item><description>&lt;p&gt;One\n\n   two&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;three &amp;amp; four&lt;/p&gt;</description></item>"));

        Assert.Equal("One two three & four", feed.Items[0].Summary);
    }

    [Fact]
    public void ReadsDcDateAsUpdatedAndMultipleCreatorsAsAuthors()
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss(
            "<item><title>T</title><dc:date>2008-05-30T12:00:00+02:00</dc:date><dc:creator>First</dc:creator><dc:creator>Second</dc:creator></item>"));

        Assert.Equal(new DateTimeOffset(2008, 5, 30, 10, 0, 0, TimeSpan.Zero), feed.Items[0].Updated);
        Assert.Null(feed.Items[0].Published);
        Assert.Equal(["First", "Second"], feed.Items[0].Authors);
    }

    [Fact]
    public void UsesAtomLinkWhenTheItemHasNoRssLink()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            """<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><item><atom:link rel="alternate" href="https://example.org/a"/></item></channel></rss>"""));

        Assert.Equal("https://example.org/a", feed.Items[0].Link);
    }

    [Fact]
    public void ReadsRss091WithoutNamespaces()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            """<rss version="0.91"><channel><title>Old</title><link>http://example.org/</link><item><title>One</title><link>http://example.org/1</link></item></channel></rss>"""));

        Assert.Equal(FeedFormat.Rss2, feed.Format);
        Assert.Equal("One", feed.Items[0].Title);
    }

    [Fact]
    public void IgnoresModuleElementsThatReuseCoreNames()
    {
        var feed = FeedParser.Parse(FeedFixtures.Utf8(
            """<rss version="2.0" xmlns:x="urn:x"><channel><item><x:description>wrong</x:description><description>right</description></item></channel></rss>"""));

        Assert.Equal("right", feed.Items[0].Summary);
    }

    [Theory]
    [InlineData("1 &lt; 2 and 3 &gt; 2", "1 < 2 and 3 > 2")]
    [InlineData("&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;br/&gt;Three&lt;/p&gt;", "One Two Three")]
    [InlineData("Cl&lt;b&gt;us&lt;/b&gt;ter", "Cluster")]
    [InlineData("a &lt;!-- hidden --&gt; b", "a b")]
    [InlineData("a &lt;style&gt;p { color: red }&lt;/style&gt; b", "a b")]
    [InlineData("a &lt;a href=\"x\"&lt;b&gt;c", "a c")]
    [InlineData("unclosed &lt;script&gt;alert(1)", "unclosed")]
    [InlineData("&amp;amp; &amp;eacute; &amp;#233;", "& é é")]
    public void StripsMarkupToPlainText(string description, string expected)
    {
        var feed = FeedParser.Parse(FeedFixtures.Rss($"<item><description>{description}</description></item>"));

        Assert.Equal(expected, feed.Items[0].Summary);
    }
}
