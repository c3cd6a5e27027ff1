using System.Text;
using CampaignFlow.Feeds;

namespace CampaignFlow.Tests.Unit.Feeds;

public sealed class FeedParserEncodingTests
{
    private const string Title = "Klasevåpen – ‘forbud’";

    private static string Doc(string? encoding) =>
        (encoding is null ? "" : $"<?xml version=\"1.0\" encoding=\"{encoding}\"?>") + $"<rss version=\"2.0\"><channel><title>{Title}</title></channel></rss>";

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    [InlineData("utf-8")]
    public void DetectsTheEncodingFromTheByteOrderMark(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Doc(null))).ToArray();

        var feed = FeedParser.Parse(bytes);

        Assert.Equal(Title, feed.Title);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void DetectsUtf16WithoutAByteOrderMark()
    {
        var feed = FeedParser.Parse(Encoding.BigEndianUnicode.GetBytes(Doc("utf-16")));

        Assert.Equal(Title, feed.Title);
    }

    [Fact]
    public void UsesTheEncodingOfTheXmlDeclaration()
    {
        var feed = FeedParser.Parse(Encoding.GetEncoding("windows-1252").GetBytes(Doc("windows-1252")));

        Assert.Equal(Title, feed.Title);
        Assert.Empty(feed.Warnings);
    }

    [Theory]
    [InlineData("koi8-r", "Кассетные боеприпасы")]
    [InlineData("big5", "集束彈藥")]
    [InlineData("shift_jis", "クラスター弾")]
    public void DecodesLegacyCodePages(string name, string title)
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"{name}\"?><rss><channel><title>{title}</title></channel></rss>";

        var feed = FeedParser.Parse(Encoding.GetEncoding(name).GetBytes(xml));

        Assert.Equal(title, feed.Title);
    }

    [Fact]
    public void LetsTheHttpCharsetOverrideTheXmlDeclaration()
    {
        var bytes = Encoding.GetEncoding("windows-1252").GetBytes(Doc("utf-8"));

        var feed = FeedParser.Parse(bytes, "application/rss+xml; charset=windows-1252");

        Assert.Equal(Title, feed.Title);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void WarnsWhenTextXmlWithoutCharsetCarriesNonAsciiBytes()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Doc("utf-8")), "text/xml");

        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("us-ascii", StringComparison.Ordinal));
    }

    [Fact]
    public void FallsBackWhenTheDeclaredEncodingIsWrong()
    {
        var bytes = Encoding.GetEncoding("windows-1252").GetBytes(Doc("utf-8"));

        var feed = FeedParser.Parse(bytes);

        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("not valid utf-8", StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsAboutAnUnknownDeclaredEncoding()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Doc("bogus-8")));

        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("unknown encoding 'bogus-8'", StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsWhenServedAsANonXmlMediaType()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Doc("utf-8")), "text/html; charset=utf-8");

        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("text/html", StringComparison.Ordinal));
    }

    [Fact]
    public void IgnoresAUtf16DeclarationOnEightBitBytes()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Doc("utf-16")));

        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Warnings, w => w.Contains("not UTF-16", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadsBigEndianUtf16EvenWhenTheCharsetSaysUtf16()
    {
        var feed = FeedParser.Parse(Encoding.BigEndianUnicode.GetBytes(Doc(null)), "application/xml; charset=utf-16");

        Assert.Equal(Title, feed.Title);
    }
}
