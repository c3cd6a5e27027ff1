using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CampaignFlow.Feeds;

/// <summary>
/// Last resort for documents that stay ill-formed after repair: a linear tag scanner that
/// closes what is left open, ignores stray end tags, reads unclosed CDATA to the end, decodes
/// HTML entities in text and maps unknown prefixes. It builds the same element tree as the
/// strict reader, so one mapper serves both. Depth is bounded as in the strict reader.
/// </summary>
internal static class TolerantXmlScanner
{
    private const string Synthetic = "urn:x-campaignflow:document";


    public static XElement Parse(string text, List<string> warnings)
    {
        var document = new XElement(XName.Get("document", Synthetic));
        var stack = new List<(XElement Element, string RawName, Dictionary<string, string>? Scope)>();
        var i = 0;
        var nodes = 0;
        var text0 = new StringBuilder();
        XElement Current() => stack.Count == 0 ? document : stack[^1].Element;
        void FlushText()
        {
            if (text0.Length > 0)
            {
                if (++nodes > FeedXmlLoader.MaxNodes)
                {
                    throw FeedXmlLoader.TooManyNodes();
                }
                if (stack.Count > 0)
                {
                    Current().Add(new XText(Clean(WebUtility.HtmlDecode(text0.ToString()))));
                }
                text0.Clear();
            }
        }
        while (i < text.Length)
        {
            var lt = text.IndexOf('<', i);
            if (lt < 0)
            {
                text0.Append(text, i, text.Length - i);
                break;
            }
            text0.Append(text, i, lt - i);
            i = lt;
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 3;
            }
            else if (string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0)
            {
                FlushText();
                i = ReadCData(text, i, stack.Count > 0 ? Current() : null, warnings);
            }
            else if (i + 1 < text.Length && text[i + 1] is '!' or '?')
            {
                var close = text.IndexOf('>', i);
                i = close < 0 ? text.Length : close + 1;
            }
            else if (i + 1 < text.Length && text[i + 1] == '/')
            {
                FlushText();
                i = ReadEndTag(text, i, stack);
            }
            else if (i + 1 < text.Length && FeedMarkup.IsNameStart(text[i + 1]))
            {
                FlushText();
                i = ReadStartTag(text, i, stack, Current(), warnings, out var attributeCount);
                nodes += 1 + attributeCount;
                if (nodes > FeedXmlLoader.MaxNodes)
                {
                    throw FeedXmlLoader.TooManyNodes();
                }
            }
            else
            {
                text0.Append('<');
                i++;
            }
        }
        FlushText();
        return document;
    }

    /// <summary>Adds the CDATA section at <paramref name="i"/> as text (an unclosed one runs to the end); returns where scanning goes on.</summary>
    private static int ReadCData(string text, int i, XElement? parent, List<string> warnings)
    {
        var close = text.IndexOf("]]>", i + 9, StringComparison.Ordinal);
        if (close < 0)
        {
            warnings.Add("a CDATA section is not closed");
        }
        var end = close < 0 ? text.Length : close;
        parent?.Add(new XText(Clean(text[(i + 9)..end])));
        return close < 0 ? text.Length : close + 3;
    }

    /// <summary>Closes the innermost open element of that name (exactly, else ignoring case) and all inside it; a stray end tag is ignored.</summary>
    private static int ReadEndTag(string text, int i, List<(XElement Element, string RawName, Dictionary<string, string>? Scope)> stack)
    {
        var nameEnd = i + 2;
        while (nameEnd < text.Length && FeedMarkup.IsNameChar(text[nameEnd]))
        {
            nameEnd++;
        }
        var name = text[(i + 2)..nameEnd];
        var close = text.IndexOf('>', nameEnd);
        var open = stack.FindLastIndex(e => e.RawName == name);
        if (open < 0)
        {
            open = stack.FindLastIndex(e => string.Equals(e.RawName, name, StringComparison.OrdinalIgnoreCase));
        }
        if (open >= 0)
        {
            stack.RemoveRange(open, stack.Count - open);
        }
        return close < 0 ? text.Length : close + 1;
    }

    private static int ReadStartTag(
        string text, int i, List<(XElement Element, string RawName, Dictionary<string, string>? Scope)> stack, XElement parent, List<string> warnings, out int attributeCount)
    {
        var nameEnd = i + 1;
        while (nameEnd < text.Length && FeedMarkup.IsNameChar(text[nameEnd]))
        {
            nameEnd++;
        }
        var rawName = text[(i + 1)..nameEnd];
        var attributes = new List<(string Name, string Value)>();
        var p = ReadAttributes(text, nameEnd, attributes, out var selfClosing);
        AddElement(rawName, attributes, selfClosing, stack, parent, warnings, out attributeCount);
        return p;
    }

    /// <summary>Reads attributes up to the end of the tag (or the next '&lt;' when it is not closed); returns where the tag ends.</summary>
    private static int ReadAttributes(string text, int p, List<(string Name, string Value)> attributes, out bool selfClosing)
    {
        selfClosing = false;
        while (p < text.Length)
        {
            var c = text[p];
            if (c == '>')
            {
                p++;
                break;
            }
            if (c == '/' && p + 1 < text.Length && text[p + 1] == '>')
            {
                selfClosing = true;
                p += 2;
                break;
            }
            if (c == '<')
            {
                break; // an unterminated tag: the next tag starts here
            }
            if (FeedMarkup.IsNameStart(c))
            {
                var aStart = p;
                while (p < text.Length && FeedMarkup.IsNameChar(text[p]))
                {
                    p++;
                }
                var aName = text[aStart..p];
                while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
                var value = "";
                if (p < text.Length && text[p] == '=')
                {
                    p++;
                    while (p < text.Length && char.IsWhiteSpace(text[p])) p++;
                    if (p < text.Length && text[p] is '"' or '\'')
                    {
                        var quote = text[p];
                        var close = text.IndexOf(quote, p + 1);
                        var vEnd = close < 0 ? text.Length : close;
                        value = text[(p + 1)..vEnd];
                        p = close < 0 ? text.Length : close + 1;
                    }
                    else
                    {
                        var vStart = p;
                        while (p < text.Length && !char.IsWhiteSpace(text[p]) && text[p] != '>') p++;
                        value = text[vStart..p];
                    }
                }
                if (attributes.Count < FeedXmlLoader.MaxAttributes)
                {
                    attributes.Add((aName, Clean(WebUtility.HtmlDecode(value))));
                }
                continue;
            }
            p++;
        }
        return p;
    }

    /// <summary>Adds the element under <paramref name="parent"/>, its namespace scope from its xmlns attributes; opens it unless self-closing.</summary>
    private static void AddElement(
        string rawName, List<(string Name, string Value)> attributes, bool selfClosing,
        List<(XElement Element, string RawName, Dictionary<string, string>? Scope)> stack, XElement parent, List<string> warnings, out int attributeCount)
    {
        if (stack.Count >= FeedXmlLoader.MaxDepth)
        {
            throw new FeedParseException($"elements are nested deeper than {FeedXmlLoader.MaxDepth} levels");
        }
        Dictionary<string, string>? scope = null;
        foreach (var (name, value) in attributes)
        {
            if (name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                scope ??= new Dictionary<string, string>(StringComparer.Ordinal);
                scope[name == "xmlns" ? "" : name[6..]] = value;
            }
        }
        attributeCount = attributes.Count;
        var element = new XElement(Name(rawName, stack, scope, isAttribute: false));
        foreach (var (name, value) in attributes)
        {
            if (name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                element.SetAttributeValue(Name(name, stack, scope, isAttribute: true), value);
            }
            catch (XmlException)
            {
                warnings.Add($"attribute '{name}' was dropped");
            }
        }
        parent.Add(element);
        if (!selfClosing)
        {
            stack.Add((element, rawName, scope));
        }
    }

    private static XName Name(
        string raw, List<(XElement Element, string RawName, Dictionary<string, string>? Scope)> stack, Dictionary<string, string>? scope, bool isAttribute)
    {
        var colon = raw.IndexOf(':');
        var prefix = colon > 0 ? raw[..colon] : "";
        var local = colon > 0 ? raw[(colon + 1)..] : raw;
        local = new string(local.Select(c => XmlConvert.IsNCNameChar(c) ? c : '_').ToArray());
        if (local.Length == 0 || !XmlConvert.IsStartNCNameChar(local[0]))
        {
            local = "_" + local;
        }
        if (prefix == "xml")
        {
            return XNamespace.Xml + local;
        }
        if (isAttribute && prefix.Length == 0)
        {
            return XName.Get(local);
        }
        string? ns = null;
        if (scope is not null && scope.TryGetValue(prefix, out var own))
        {
            ns = own;
        }
        for (var k = stack.Count - 1; ns is null && k >= 0; k--)
        {
            if (stack[k].Scope is { } s && s.TryGetValue(prefix, out var found))
            {
                ns = found;
            }
        }
        ns ??= prefix.Length == 0 ? "" : FeedNamespaces.ForUndeclaredPrefix(prefix);
        return XName.Get(local, ns);
    }

    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                return new string(text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray());
            }
        }
        return text;
    }
}
