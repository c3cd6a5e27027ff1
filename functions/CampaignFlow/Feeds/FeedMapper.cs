using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CampaignFlow.Feeds;

/// <summary>
/// Maps an element tree (from the strict reader or the tolerant scanner) onto the feed model.
/// Core elements are matched by local name in the feed's own or a known RSS/Atom namespace, so a
/// module element that reuses a core name (szf:description) is not taken for the core one.
/// </summary>
internal static partial class FeedMapper
{
    private static readonly XNamespace Dc = FeedNamespaces.Dc;
    private static readonly XNamespace DcTerms = FeedNamespaces.DcTerms;
    private static readonly XNamespace Rdf = FeedNamespaces.Rdf;
    private static readonly XNamespace Content = FeedNamespaces.Content;
    private static readonly XNamespace Atom = FeedNamespaces.Atom10;

    public static ParsedFeed Map(XElement root, Uri? baseUri, List<string> warnings)
    {
        var feed = FindFeedElement(root)
            ?? throw new FeedParseException(root.Name.LocalName.Equals("html", StringComparison.OrdinalIgnoreCase)
                ? "an HTML page, not a feed"
                : $"not a feed: no RSS, RDF or Atom element (the root element is <{root.Name.LocalName}>)");
        var core = new Core(feed.Name.Namespace.NamespaceName);
        var parsed = feed.Name.LocalName switch
        {
            "feed" => MapAtom(feed, core, baseUri, warnings),
            "RDF" => MapRss(feed, core, FeedFormat.Rss1, baseUri, warnings),
            _ => MapRss(feed, core, FeedFormat.Rss2, baseUri, warnings),
        };
        return parsed with
        {
            Link = WebLink(parsed.Link, warnings),
            Items = parsed.Items.Select(i => i.Link is null ? i : i with { Link = WebLink(i.Link, warnings) }).ToList(),
        };
    }

    /// <summary>
    /// Links end up in emails and in fetches: only http(s) (or a relative link that had no base
    /// to resolve against) is kept. javascript:, data:, file: and the like are dropped.
    /// </summary>
    private static string? WebLink(string? link, List<string> warnings)
    {
        if (link is null || !IsAbsolute(link)
            || link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return link;
        }
        warnings.Add($"a link with the scheme '{link[..link.IndexOf(':')]}:' was dropped");
        return null;
    }

    private static XElement? FindFeedElement(XElement root)
    {
        if (IsFeedName(root.Name.LocalName))
        {
            return root;
        }
        // The tolerant scanner wraps everything in a synthetic element; feeds are sometimes wrapped too.
        return root.Descendants().Take(10_000).FirstOrDefault(e => IsFeedName(e.Name.LocalName)
            && (e.Name.LocalName != "feed" || e.Name.NamespaceName is FeedNamespaces.Atom10 or FeedNamespaces.Atom03 or ""));
    }

    private static bool IsFeedName(string name) => name is "rss" or "RDF" or "feed" or "channel";

    private sealed class Core(string feedNamespace)
    {
        public bool Is(XName name, string local) =>
            name.LocalName == local && (name.NamespaceName == feedNamespace || FeedNamespaces.Core.Contains(name.NamespaceName));
    }

    private static XElement? Child(XElement? parent, Core core, string local) =>
        parent?.Elements().FirstOrDefault(e => core.Is(e.Name, local));

    private static IEnumerable<XElement> Children(XElement? parent, Core core, string local) =>
        parent is null ? [] : parent.Elements().Where(e => core.Is(e.Name, local));

    private static ParsedFeed MapRss(XElement feed, Core core, FeedFormat format, Uri? baseUri, List<string> warnings)
    {
        var channel = feed.Name.LocalName == "channel" ? feed : Child(feed, core, "channel");
        var itemElements = Children(channel, core, "item").Concat(feed == channel ? [] : Children(feed, core, "item"));
        var items = itemElements.Select(i => MapRssItem(i, core, baseUri)).ToList();
        var authors = Authors(channel, core, "managingEditor").ToList();
        return new ParsedFeed
        {
            Format = format,
            Title = FeedText.FromHtml(Child(channel, core, "title")?.Value) ?? FeedText.FromHtml(channel?.Element(Dc + "title")?.Value),
            Link = RssLink(channel, core, baseUri),
            Id = channel?.Attribute(Rdf + "about")?.Value is { } about ? FeedText.Collapse(about) : null,
            Author = authors.FirstOrDefault(),
            Authors = authors,
            Published = FeedDates.Parse(Child(channel, core, "pubDate")?.Value) ?? FeedDates.Parse(channel?.Element(DcTerms + "issued")?.Value),
            Updated = FeedDates.Parse(Child(channel, core, "lastBuildDate")?.Value)
                ?? FeedDates.Parse(channel?.Element(Dc + "date")?.Value)
                ?? FeedDates.Parse(channel?.Element(DcTerms + "modified")?.Value),
            Items = items,
            Warnings = warnings,
        };
    }

    private static FeedItem MapRssItem(XElement item, Core core, Uri? baseUri)
    {
        var guid = Child(item, core, "guid");
        var id = FeedText.Collapse(guid?.Value) ?? FeedText.Collapse(item.Attribute(Rdf + "about")?.Value);
        var link = RssLink(item, core, baseUri);
        // A guid is a permalink unless it says isPermaLink="false" (RSS 2.0), and only a web address can be one.
        if (link is null && guid is not null && !string.Equals(guid.Attribute("isPermaLink")?.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            && IsWebAddress(id))
        {
            link = id;
        }
        var authors = Authors(item, core, "author").ToList();
        var description = Child(item, core, "description")?.Value ?? item.Element(Dc + "description")?.Value;
        var contentHtml = item.Element(Content + "encoded")?.Value;
        return new FeedItem
        {
            Id = id,
            Title = FeedText.FromHtml(Child(item, core, "title")?.Value) ?? FeedText.FromHtml(item.Element(Dc + "title")?.Value),
            Link = link,
            Summary = FeedText.FromHtml(description) ?? FeedText.FromHtml(contentHtml),
            ContentHtml = string.IsNullOrWhiteSpace(contentHtml) ? null : contentHtml,
            Published = FeedDates.Parse(Child(item, core, "pubDate")?.Value) ?? FeedDates.Parse(item.Element(DcTerms + "issued")?.Value),
            Updated = FeedDates.Parse(item.Element(Dc + "date")?.Value) ?? FeedDates.Parse(item.Element(DcTerms + "modified")?.Value)
                ?? FeedDates.Parse(item.Element(Atom + "updated")?.Value),
            Author = authors.FirstOrDefault(),
            Authors = authors,
        };
    }

    private static IEnumerable<string> Authors(XElement? parent, Core core, string coreName)
    {
        if (parent is null)
        {
            return [];
        }
        return Children(parent, core, coreName)
            .Concat(parent.Elements(Dc + "creator"))
            .Concat(parent.Elements(Dc + "author"))
            .Select(e => FeedText.Plain(e.Value))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
    }

    private static string? RssLink(XElement? parent, Core core, Uri? baseUri)
    {
        if (parent is null)
        {
            return null;
        }
        foreach (var link in Children(parent, core, "link"))
        {
            if (FeedText.Collapse(link.Value) is { } text)
            {
                return Resolve(text, link, baseUri);
            }
            if (link.Attribute("href")?.Value is { } href && IsAlternate(link))
            {
                return Resolve(href, link, baseUri);
            }
        }
        return AtomLink(parent.Elements(Atom + "link"), baseUri);
    }

    private static ParsedFeed MapAtom(XElement feed, Core core, Uri? baseUri, List<string> warnings)
    {
        var authors = AtomAuthors(feed, core).ToList();
        var items = Children(feed, core, "entry").Select(e => MapAtomEntry(e, core, baseUri, authors)).ToList();
        return new ParsedFeed
        {
            Format = FeedFormat.Atom,
            Title = TextConstruct(Child(feed, core, "title")),
            Link = AtomLink(Children(feed, core, "link"), baseUri),
            Id = FeedText.Collapse(Child(feed, core, "id")?.Value),
            Author = authors.FirstOrDefault(),
            Authors = authors,
            Published = FeedDates.Parse(Child(feed, core, "published")?.Value) ?? FeedDates.Parse(Child(feed, core, "issued")?.Value),
            Updated = FeedDates.Parse(Child(feed, core, "updated")?.Value) ?? FeedDates.Parse(Child(feed, core, "modified")?.Value),
            Items = items,
            Warnings = warnings,
        };
    }

    private static FeedItem MapAtomEntry(XElement entry, Core core, Uri? baseUri, IReadOnlyList<string> feedAuthors)
    {
        var authors = AtomAuthors(entry, core).ToList();
        var content = Child(entry, core, "content");
        var contentHtml = ContentHtml(content);
        var id = FeedText.Collapse(Child(entry, core, "id")?.Value);
        return new FeedItem
        {
            Id = id,
            Title = TextConstruct(Child(entry, core, "title")),
            // An entry with no alternate link but a web address for its id: the id is where the story lives.
            Link = AtomLink(Children(entry, core, "link"), baseUri) ?? (IsWebAddress(id) ? id : null),
            Summary = TextConstruct(Child(entry, core, "summary")) ?? TextConstruct(content),
            ContentHtml = contentHtml,
            Published = FeedDates.Parse(Child(entry, core, "published")?.Value) ?? FeedDates.Parse(Child(entry, core, "issued")?.Value),
            Updated = FeedDates.Parse(Child(entry, core, "updated")?.Value) ?? FeedDates.Parse(Child(entry, core, "modified")?.Value),
            Author = authors.FirstOrDefault() ?? feedAuthors.FirstOrDefault(),
            Authors = authors.Count > 0 ? authors : feedAuthors,
        };
    }

    private static IEnumerable<string> AtomAuthors(XElement parent, Core core) =>
        Children(parent, core, "author")
            .Select(a => FeedText.Plain(Child(a, core, "name")?.Value) ?? FeedText.Collapse(Child(a, core, "email")?.Value))
            .Concat(parent.Elements(Dc + "creator").Select(e => FeedText.Plain(e.Value)))
            .OfType<string>();

    private static string? AtomLink(IEnumerable<XElement> links, Uri? baseUri)
    {
        XElement? best = null;
        foreach (var link in links)
        {
            if (!IsAlternate(link) || link.Attribute("href") is null)
            {
                continue;
            }
            var type = link.Attribute("type")?.Value;
            if (best is null || (type is null or "text/html" or "application/xhtml+xml" && best.Attribute("type")?.Value is { } t && t != "text/html"))
            {
                best = link;
            }
        }
        return best is null ? null : Resolve(best.Attribute("href")!.Value, best, baseUri);
    }

    private static bool IsAlternate(XElement link) => link.Attribute("rel")?.Value.Trim() is null or "" or "alternate";

    /// <summary>Atom text construct as plain text: type text/html/xhtml (1.0) or mode xml/escaped/base64 (0.3).</summary>
    private static string? TextConstruct(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var type = element.Attribute("type")?.Value.Trim().ToLowerInvariant() ?? "text";
        var mode = element.Attribute("mode")?.Value.Trim().ToLowerInvariant();
        var value = element.Value;
        if (mode == "base64")
        {
            try
            {
                value = Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        if (type is "xhtml" or "application/xhtml+xml" || element.Elements().Any())
        {
            return FeedText.FromHtml(string.Concat(element.Nodes().Select(n => n.ToString())));
        }
        if (type.Contains("html", StringComparison.Ordinal) || mode == "escaped")
        {
            return FeedText.FromHtml(value);
        }
        return FeedText.Plain(value);
    }

    private static string? ContentHtml(XElement? content)
    {
        if (content is null)
        {
            return null;
        }
        var type = content.Attribute("type")?.Value.Trim().ToLowerInvariant() ?? "text";
        string html;
        if (type is "xhtml" or "application/xhtml+xml" || content.Elements().Any())
        {
            var div = content.Elements().Count() == 1 ? content.Elements().First() : content;
            html = string.Concat(div.Nodes().Select(n => n.ToString()));
        }
        else if (type.Contains("html", StringComparison.Ordinal) || content.Attribute("mode")?.Value == "escaped")
        {
            html = content.Value;
        }
        else if (type is "text" or "text/plain")
        {
            html = System.Net.WebUtility.HtmlEncode(content.Value);
        }
        else
        {
            return null;
        }
        return string.IsNullOrWhiteSpace(html) ? null : html;
    }

    /// <summary>Resolves a link against xml:base on the element and its ancestors, then the document's base.</summary>
    private static string Resolve(string link, XElement element, Uri? baseUri)
    {
        link = link.Trim();
        if (IsAbsolute(link))
        {
            return link;
        }
        var bases = element.AncestorsAndSelf().Select(e => e.Attribute(XNamespace.Xml + "base")?.Value).OfType<string>().Reverse();
        var current = baseUri;
        foreach (var b in bases)
        {
            var value = b.Trim();
            if (IsAbsolute(value) && Uri.TryCreate(value, UriKind.Absolute, out var absolute))
            {
                current = absolute;
            }
            else if (current is not null && Uri.TryCreate(current, value, out var combined))
            {
                current = combined;
            }
        }
        return current is not null && Uri.TryCreate(current, link, out var resolved) ? resolved.AbsoluteUri : link;
    }

    private static bool IsWebAddress(string? id) =>
        id is not null && (id.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(id, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host);

    private static bool IsAbsolute(string link) => AbsoluteUri().IsMatch(link);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex AbsoluteUri();
}
