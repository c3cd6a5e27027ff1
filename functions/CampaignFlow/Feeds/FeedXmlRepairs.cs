using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignFlow.Feeds;

/// <summary>
/// Textual repairs for the breakage real feeds show, applied before a second strict parse.
/// Each repair adds a warning only when it changed something.
/// </summary>
internal static partial class FeedXmlRepairs
{
    private static readonly HashSet<string> XmlEntities = ["amp", "lt", "gt", "quot", "apos"];

    public static string Repair(string text, List<string> warnings)
    {
        text = RemoveDeclaration(text, warnings);
        text = RemoveDoctype(text, warnings, out var declaredEntities);
        text = RemoveInvalidCharacters(text, warnings);
        text = FixEntities(text, warnings, declaredEntities);
        text = DeclarePrefixes(text, warnings);
        return text;
    }

    /// <summary>
    /// Internal entities whose value is plain text (no markup, no references, at most 1 KiB)
    /// are substituted, as feedparser does (`&lt;!ENTITY id "tag:example.com,"&gt;`). Nothing
    /// else in a DOCTYPE is ever expanded; total growth is capped, so this cannot amplify.
    /// </summary>
    public static string ExpandPlainEntities(string text)
    {
        var start = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return text;
        }
        var end = DoctypeEnd(text, start);
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in PlainEntityDeclaration().Matches(text[start..end]))
        {
            var value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            if (value.Length <= 1024)
            {
                plain.TryAdd(m.Groups[1].Value, value.Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&apos;", StringComparison.Ordinal));
            }
        }
        if (plain.Count == 0)
        {
            return text;
        }
        var budget = 1_000_000;
        var body = EntityOrSkipped().Replace(text[end..], m =>
        {
            if (m.Groups["ref"].Success && plain.TryGetValue(m.Groups["ref"].Value, out var value) && (budget -= value.Length) >= 0)
            {
                return value;
            }
            return m.Value;
        });
        return budget < 0 ? text : string.Concat(text.AsSpan(0, end), body);
    }

    /// <summary>
    /// The text is already decoded, so the declaration carries nothing we need; a declaration
    /// after a comment or blank line is a fatal error for XmlReader.
    /// </summary>
    private static string RemoveDeclaration(string text, List<string> warnings)
    {
        var match = XmlDeclaration().Match(text);
        if (!match.Success)
        {
            return text;
        }
        if (match.Index > 0)
        {
            warnings.Add("the XML declaration is not at the start of the document");
        }
        return text.Remove(match.Index, match.Length);
    }

    /// <summary>
    /// Entities declared in a DOCTYPE are never expanded (that is how billion laughs, external
    /// and parameter entities are defused); references to them are dropped.
    /// </summary>
    private static string RemoveDoctype(string text, List<string> warnings, out HashSet<string> declared)
    {
        declared = new HashSet<string>(StringComparer.Ordinal);
        var start = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return text;
        }
        var end = DoctypeEnd(text, start);
        var doctype = text[start..end];
        foreach (Match m in EntityDeclaration().Matches(doctype))
        {
            declared.Add(m.Groups[1].Value);
        }
        if (declared.Count > 0)
        {
            warnings.Add($"the DOCTYPE declares entities ({string.Join(", ", declared.Take(5))}); they were not expanded");
        }
        return text.Remove(start, end - start);
    }

    internal static int DoctypeEnd(string text, int start)
    {
        var inSubset = false;
        char quote = '\0';
        for (var i = start + 2; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '[') inSubset = true;
            else if (c == ']') inSubset = false;
            else if (c == '>' && !inSubset) return i + 1;
        }
        return text.Length;
    }

    /// <summary>Control characters are not allowed in XML 1.0, even as character references.</summary>
    private static string RemoveInvalidCharacters(string text, List<string> warnings)
    {
        var index = IndexOfInvalid(text, 0);
        if (index < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var removed = 0;
        var from = 0;
        while (index >= 0)
        {
            builder.Append(text, from, index - from);
            removed++;
            from = index + 1;
            index = IndexOfInvalid(text, from);
        }
        builder.Append(text, from, text.Length - from);
        warnings.Add($"{removed} characters not allowed in XML were removed");
        return builder.ToString();
    }

    private static int IndexOfInvalid(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// HTML named entities (&amp;nbsp; &amp;eacute; ...) become character references; a bare '&amp;'
    /// (as in unescaped query strings) is escaped; unknown names are kept as literal text.
    /// CDATA sections and comments are left alone: '&amp;' is literal there.
    /// </summary>
    private static string FixEntities(string text, List<string> warnings, HashSet<string> declared)
    {
        var html = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        var bare = 0;
        var invalidReferences = 0;
        // Escaping grows the text; a document that is mostly bare '&' is junk, not worth megabytes.
        var growthLeft = FeedParser.MaxDocumentBytes / 4;
        var result = EntityOrSkipped().Replace(text, m =>
        {
            if (!m.Value.StartsWith('&'))
            {
                return m.Value;
            }
            var reference = m.Groups["ref"];
            if (!reference.Success)
            {
                bare++;
                if ((growthLeft -= 4) < 0)
                {
                    throw new FeedParseException("not a feed: too many unescaped '&' to repair");
                }
                return "&amp;";
            }
            var name = reference.Value;
            if (name[0] == '#')
            {
                var number = name[1] is 'x' or 'X'
                    ? int.TryParse(name.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : -1
                    : int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1;
                if (IsXmlChar(number))
                {
                    return m.Value;
                }
                invalidReferences++;
                return "";
            }
            if (XmlEntities.Contains(name))
            {
                return m.Value;
            }
            if (declared.Contains(name))
            {
                dropped.Add(name);
                return "";
            }
            var decoded = WebUtility.HtmlDecode(m.Value);
            if (decoded != m.Value)
            {
                html.Add(name);
                var builder = new StringBuilder();
                foreach (var rune in decoded.EnumerateRunes())
                {
                    builder.Append("&#x").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(';');
                }
                return builder.ToString();
            }
            unknown.Add(name);
            return "&amp;" + name + ";";
        });
        if (html.Count > 0) warnings.Add($"undeclared HTML entities were decoded: {Names(html)}");
        if (unknown.Count > 0) warnings.Add($"unknown entities were kept as text: {Names(unknown)}");
        if (dropped.Count > 0) warnings.Add($"references to DOCTYPE entities were dropped: {Names(dropped)}");
        if (bare > 0) warnings.Add($"{bare} unescaped '&' were escaped");
        if (invalidReferences > 0) warnings.Add($"{invalidReferences} character references to characters not allowed in XML were removed");
        return result;
    }

    private static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Take(10));

    /// <summary>Prefixes used but never declared get the namespace they usually stand for, declared on the root.</summary>
    private static string DeclarePrefixes(string text, List<string> warnings)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in PrefixedName().Matches(text))
        {
            used.Add(m.Groups[1].Value);
        }
        used.Remove("xml");
        used.Remove("xmlns");
        if (used.Count == 0)
        {
            return text;
        }
        foreach (Match m in PrefixDeclaration().Matches(text))
        {
            used.Remove(m.Groups[1].Value);
        }
        var rootName = FeedMarkup.FirstElementNameEnd(text);
        if (used.Count == 0 || rootName < 0)
        {
            return text;
        }
        var declarations = string.Concat(used.Order(StringComparer.Ordinal)
            .Select(p => $" xmlns:{p}=\"{FeedNamespaces.ForUndeclaredPrefix(p)}\""));
        warnings.Add($"undeclared namespace prefixes were declared: {Names(used.Order(StringComparer.Ordinal))}");
        return text.Insert(rootName, declarations);
    }

    [GeneratedRegex(@"<\?xml\s[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""<!ENTITY\s+([A-Za-z_][A-Za-z0-9_.\-]*)\s+(?:"([^"%&<]*)"|'([^'%&<]*)')\s*>""")]
    private static partial Regex PlainEntityDeclaration();

    [GeneratedRegex(@"<!ENTITY\s+(?:%\s+)?([^\s>]+)")]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex(@"<!\[CDATA\[.*?(?:\]\]>|\z)|<!--.*?(?:-->|\z)|&(?:(?<ref>#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z_][A-Za-z0-9_.\-]{0,40});)?", RegexOptions.Singleline)]
    private static partial Regex EntityOrSkipped();

    [GeneratedRegex(@"(?:</?|\s)([A-Za-z_][A-Za-z0-9_.\-]*):[A-Za-z_][A-Za-z0-9_.\-]*(?=[\s/>=])")]
    private static partial Regex PrefixedName();

    [GeneratedRegex(@"xmlns:([A-Za-z_][A-Za-z0-9_.\-]*)\s*=")]
    private static partial Regex PrefixDeclaration();
}
