using System.Text.Json;
using CampaignFlow.Feeds;
using CampaignFlow.Cli.Tools;

using CampaignFlow.Tests.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedInspectorTests
{
    [Fact]
    public void WritesTheInspectContractForAParsedFeed()
    {
        var line = FeedInspector.Inspect("samples/feeds/regjeringen-en.xml", FeedFixtures.Read("regjeringen-en.xml"),
            baseUri: new Uri("https://www.regjeringen.no/en/rss/Rss/2581966/"));

        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(["source", "ok", "format", "title", "link", "items", "warnings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("samples/feeds/regjeringen-en.xml", root.GetProperty("source").GetString());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("rss2", root.GetProperty("format").GetString());
        Assert.Equal("Regjeringen.no - News", root.GetProperty("title").GetString());
        Assert.Equal("https://www.regjeringen.no/en/", root.GetProperty("link").GetString());
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
        var item = root.GetProperty("items")[0];
        Assert.Equal(["id", "title", "link", "summary", "published", "updated", "author"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2007-05-31T13:30:00Z", item.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("updated").ValueKind);
        Assert.Equal("Ministry of Foreign Affairs", item.GetProperty("author").GetString());
        Assert.DoesNotContain("<p>", item.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss2, "rss2")]
    [InlineData(FeedFormat.Rss1, "rss1")]
    [InlineData(FeedFormat.Atom, "atom")]
    [InlineData(FeedFormat.Other, "other")]
    public void NamesEveryFormat(FeedFormat format, string expected)
    {
        using var json = JsonDocument.Parse(FeedInspector.Describe("x", new ParsedFeed { Format = format }));

        Assert.Equal(expected, json.RootElement.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("title").ValueKind);
    }

    [Fact]
    public void WritesDatesAsUtcSeconds()
    {
        var feed = new ParsedFeed
        {
            Format = FeedFormat.Atom,
            Items = [new FeedItem { Updated = new DateTimeOffset(2008, 12, 3, 18, 30, 15, 500, TimeSpan.FromHours(1)) }],
        };

        using var json = JsonDocument.Parse(FeedInspector.Describe("x", feed));

        Assert.Equal("2008-12-03T17:30:15Z", json.RootElement.GetProperty("items")[0].GetProperty("updated").GetString());
    }

    [Fact]
    public void ListsWarnings()
    {
        var line = FeedInspector.Inspect("broken.xml", FeedFixtures.Read("regjeringen-broken.xml"));

        using var json = JsonDocument.Parse(line);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.True(json.RootElement.GetProperty("warnings").GetArrayLength() > 0);
    }

    [Fact]
    public void WritesAOneLineErrorForAnUnusableSource()
    {
        var line = FeedInspector.Inspect("page.html", "<html><body>hi</body></html>"u8.ToArray());

        using var json = JsonDocument.Parse(line);
        Assert.Equal(["source", "ok", "error"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("an HTML page, not a feed", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void FlattensMultiLineErrors()
    {
        var line = FeedInspector.DescribeError("x", "first\nsecond\r\nthird");

        using var json = JsonDocument.Parse(line);
        Assert.Equal("first second third", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void KeepsNonAsciiTextReadable()
    {
        var line = FeedInspector.Inspect("no.xml", FeedFixtures.Read("regjeringen-no.xml"));

        Assert.Contains("klasevåpen", line, StringComparison.Ordinal);
    }
}
