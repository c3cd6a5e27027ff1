using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CampaignFlow.Feeds;

/// <summary>Parses RSS 2.0 documents safely (no DTD, no external entities).</summary>
public static partial class FeedParser
{
    public static ParsedFeed Parse(byte[] content, string? contentType = null, Uri? baseUri = null)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 64L * 1024 * 1024,
        };
        XDocument doc;
        try
        {
            using var stream = new MemoryStream(content);
            using var reader = XmlReader.Create(stream, settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FeedParseException($"not well-formed XML: {ex.Message}", ex);
        }
        var channel = doc.Root?.Name.LocalName == "rss" ? doc.Root.Element("channel") : null;
        if (channel is null)
        {
            throw new FeedParseException("not an RSS 2.0 document");
        }
        var items = channel.Elements("item").Select(i => new FeedItem
        {
            Id = Text(i.Element("guid")),
            Title = Text(i.Element("title")),
            Link = Resolve(Text(i.Element("link")), baseUri),
            Summary = Text(i.Element("description")),
            Published = Date(Text(i.Element("pubDate"))),
        }).ToList();
        return new ParsedFeed
        {
            Format = FeedFormat.Rss2,
            Title = Text(channel.Element("title")),
            Link = Text(channel.Element("link")),
            Items = items,
        };
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var text = WebUtility.HtmlDecode(Tags().Replace(element.Value, " "));
        text = Spaces().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? Resolve(string? link, Uri? baseUri) =>
        link is null || baseUri is null ? link : new Uri(baseUri, link).AbsoluteUri;

    private static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
