namespace CampaignFlow.Feeds;

/// <summary>
/// Parses RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 documents safely: no DTD processing, no
/// external entities, bounded size and depth. Ill-formed documents are repaired where a human
/// could still read them, and what was wrong is listed in <see cref="ParsedFeed.Warnings"/>.
/// </summary>
public static class FeedParser
{
    /// <summary>
    /// Largest document accepted (8 MiB). Real feeds are well under 1 MiB (regjeringen.no's
    /// 100 items are a few hundred KB). The worst case at the limit (a large feed broken at its
    /// very end: strict parse, repair, second parse, tag scan) was measured at about 1.5 s and a
    /// process peak of 130 MB; at 16 MiB it was 2 s and 205 MB, too close to the 5 s / 300 MB budget.
    /// </summary>
    public const int MaxDocumentBytes = 8 * 1024 * 1024;

    /// <summary>Parses one feed document.</summary>
    /// <param name="content">The bytes as fetched.</param>
    /// <param name="contentType">The HTTP Content-Type, whose charset can override the XML declaration (RFC 3023).</param>
    /// <param name="baseUri">The document's address, for resolving relative links.</param>
    /// <exception cref="FeedParseException">The document cannot be used as a feed.</exception>
    public static ParsedFeed Parse(byte[] content, string? contentType = null, Uri? baseUri = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            throw new FeedParseException("the document is empty");
        }
        if (content.Length > MaxDocumentBytes)
        {
            throw new FeedParseException(
                $"the document is {content.Length / (1024.0 * 1024.0):0.0} MiB, over the {MaxDocumentBytes / (1024 * 1024)} MiB limit for a feed");
        }
        var warnings = new List<string>();
        var text = FeedTextDecoder.Decode(content, contentType, warnings);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FeedParseException("the document is empty");
        }
        if (LooksBinary(text))
        {
            throw new FeedParseException("binary data, not a feed");
        }
        var first = FeedMarkup.FirstElementName(text);
        if (first is null)
        {
            throw new FeedParseException("not a feed: the document contains no XML element");
        }
        if (first.Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException("an HTML page, not a feed");
        }
        var root = FeedXmlLoader.Load(text, warnings);
        var feed = FeedMapper.Map(root, baseUri, warnings);
        return feed with { Warnings = warnings.Distinct(StringComparer.Ordinal).Take(50).ToList() };
    }

    /// <summary>More than 1% control characters in the first 64K characters: no text format looks like that.</summary>
    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 65_536));
        var controls = 0;
        foreach (var c in sample)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                controls++;
            }
        }
        return controls > sample.Length / 100;
    }
}
