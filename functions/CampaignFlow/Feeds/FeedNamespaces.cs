namespace CampaignFlow.Feeds;

/// <summary>Namespaces the parser knows, and the usual prefixes for them (used to repair undeclared prefixes).</summary>
internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>Namespaces that RSS/Atom core elements have been published in.</summary>
    public static readonly HashSet<string> Core =
    [
        "", Atom10, Atom03, Rss10, Rss090,
        "http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://backend.userland.com/rss2.1",
        "http://blogs.law.harvard.edu/tech/rss", "http://purl.org/pie/", "http://purl.org/echo/",
    ];

    public static readonly IReadOnlyDictionary<string, string> ByPrefix = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["atom"] = Atom10,
        ["rdf"] = Rdf,
        ["dc"] = Dc,
        ["dcterms"] = DcTerms,
        ["content"] = Content,
        ["xhtml"] = Xhtml,
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["admin"] = "http://webns.net/mvcb/",
        ["georss"] = "http://www.georss.org/georss",
        ["geo"] = "http://www.w3.org/2003/01/geo/wgs84_pos#",
        ["feedburner"] = "http://rssnamespace.org/feedburner/ext/1.0",
    };

    public static string ForUndeclaredPrefix(string prefix) =>
        ByPrefix.TryGetValue(prefix, out var ns) ? ns : "urn:x-undeclared-prefix:" + prefix;
}
