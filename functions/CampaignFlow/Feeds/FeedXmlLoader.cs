using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CampaignFlow.Feeds;

/// <summary>
/// Loads feed text into an element tree in three steps: a strict, safe XmlReader parse; on
/// failure, the same parse after <see cref="FeedXmlRepairs"/>; as a last resort the
/// <see cref="TolerantXmlScanner"/>. DTDs are ignored (never processed), nothing is resolved,
/// and depth is bounded in every step.
/// </summary>
internal static partial class FeedXmlLoader
{
    public const int MaxDepth = 256;

    /// <summary>
    /// Elements, attributes and text nodes together. A real feed of 100 items has about 2,000;
    /// the cap keeps a flood of tiny elements (4 million "&lt;a/&gt;" fit in 16 MiB) from
    /// building a tree of several hundred megabytes.
    /// </summary>
    public const int MaxNodes = 500_000;

    /// <summary>Attributes on one element (feeds use a handful; XElement looks them up linearly).</summary>
    public const int MaxAttributes = 256;

    public static XElement Load(string text, List<string> warnings)
    {
        CheckAttributeCounts(text);
        text = FeedXmlRepairs.ExpandPlainEntities(text);
        if (TryStrict(text, out var root, out var error))
        {
            return root;
        }
        warnings.Add($"not well-formed XML: {OneLine(error!.Message)}");
        var repaired = FeedXmlRepairs.Repair(text, warnings);
        // Nothing repaired: the second strict parse would fail the same way.
        XmlException? second = error;
        if (!ReferenceEquals(repaired, text) && TryStrict(repaired, out root, out second))
        {
            return root;
        }
        if (!FeedElement().IsMatch(repaired))
        {
            // Junk (random bytes, a text file) is not worth scanning: say what it is.
            throw new FeedParseException($"not a feed: no RSS, RDF or Atom element found ({OneLine(error.Message)})");
        }
        warnings.Add($"still not well-formed after repair ({OneLine(second!.Message)}); read with the tolerant scanner");
        return TolerantXmlScanner.Parse(repaired, warnings);
    }

    /// <summary>
    /// XmlReader reads all attributes of a start tag before it returns it, and slows down badly
    /// (over 20 s at 8 MiB) on a tag with a million attributes; such a tag is refused up front.
    /// One linear pass that skips CDATA sections and comments.
    /// </summary>
    private static void CheckAttributeCounts(string text)
    {
        var i = text.IndexOf('<');
        while (i >= 0 && i + 1 < text.Length)
        {
            if (string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0)
            {
                var close = text.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                i = close < 0 ? -1 : text.IndexOf('<', close + 3);
                continue;
            }
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? -1 : text.IndexOf('<', close + 3);
                continue;
            }
            if (!FeedMarkup.IsNameStart(text[i + 1]))
            {
                i = text.IndexOf('<', i + 1);
                continue;
            }
            var j = i + 1;
            var equals = 0;
            while (j < text.Length && text[j] is not ('<' or '>'))
            {
                if (text[j] == '=' && ++equals > MaxAttributes)
                {
                    throw new FeedParseException($"an element has more than {MaxAttributes} attributes");
                }
                j++;
            }
            i = j < text.Length ? text.IndexOf('<', j) : -1;
        }
    }

    internal static FeedParseException TooManyNodes() =>
        new($"the document has more than {MaxNodes} XML nodes (elements, attributes and text)");

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static bool TryStrict(string text, out XElement root, out XmlException? error)
    {
        var settings = new XmlReaderSettings
        {
            // Ignore, not Parse: a DOCTYPE is skipped, so no entity is ever declared or expanded
            // (billion laughs, external and parameter entities all become undeclared references).
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = 2L * FeedParser.MaxDocumentBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        root = null!;
        error = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            root = Read(reader);
            return true;
        }
        catch (XmlException ex)
        {
            error = ex;
            return false;
        }
    }

    /// <summary>Builds the tree by hand so that depth is checked as elements open, before memory is spent.</summary>
    private static XElement Read(XmlReader reader)
    {
        XElement? root = null;
        var stack = new Stack<XElement>();
        var nodes = 0;
        while (reader.Read())
        {
            if (++nodes > MaxNodes)
            {
                throw TooManyNodes();
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (stack.Count >= MaxDepth)
                    {
                        throw new FeedParseException($"elements are nested deeper than {MaxDepth} levels");
                    }
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    var empty = reader.IsEmptyElement;
                    if (reader.AttributeCount > MaxAttributes)
                    {
                        throw new FeedParseException($"an element has more than {MaxAttributes} attributes");
                    }
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (++nodes > MaxNodes)
                            {
                                throw TooManyNodes();
                            }
                            if (reader.NamespaceURI != XNamespace.Xmlns.NamespaceName)
                            {
                                element.SetAttributeValue(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value);
                            }
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    if (stack.Count == 0)
                    {
                        root = element;
                    }
                    else
                    {
                        stack.Peek().Add(element);
                    }
                    if (!empty)
                    {
                        stack.Push(element);
                    }
                    break;
                case XmlNodeType.EndElement:
                    stack.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (stack.Count > 0)
                    {
                        stack.Peek().Add(new XText(reader.Value));
                    }
                    break;
            }
        }
        return root ?? throw new XmlException("the document has no root element");
    }

    [GeneratedRegex(@"<(?:[A-Za-z_][\w.\-]*:)?(?:rss|RDF|feed|channel)[\s/>]")]
    private static partial Regex FeedElement();
}
