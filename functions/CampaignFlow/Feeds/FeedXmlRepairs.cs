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
        if (FindDoctype(text) is not var (start, end))
        {
            return text;
        }
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var m = PlainEntityDeclaration().Match(text, start, end - start); m.Success && plain.Count < 1000; m = m.NextMatch())
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
        var lookup = plain.GetAlternateLookup<ReadOnlySpan<char>>();
        var builder = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var m in EntityOrSkipped().EnumerateMatches(text, end))
        {
            if (text[m.Index] == '&' && m.Length > 2 && lookup.TryGetValue(text.AsSpan(m.Index + 1, m.Length - 2), out var value))
            {
                if ((budget -= value.Length) < 0)
                {
                    return text;
                }
                builder.Append(text, copied, m.Index - copied).Append(value);
                copied = m.Index + m.Length;
            }
        }
        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The text is already decoded, so the declaration carries nothing we need; a declaration
    /// after a comment or blank line is a fatal error for XmlReader.
    /// </summary>
    private static string RemoveDeclaration(string text, List<string> warnings)
    {
        var match = XmlDeclaration().Match(text);
        var root = FeedMarkup.FirstElementNameEnd(text);
        if (!match.Success || (root >= 0 && match.Index > root))
        {
            return text; // none, or one quoted inside content
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
        if (FindDoctype(text) is not var (start, end))
        {
            return text;
        }
        var doctype = text[start..end];
        for (var m = EntityDeclaration().Match(doctype); m.Success && declared.Count < 1000; m = m.NextMatch())
        {
            declared.Add(m.Groups[1].Value);
        }
        if (declared.Count > 0)
        {
            warnings.Add($"the DOCTYPE declares entities ({string.Join(", ", declared.Take(5))}); they were not expanded");
        }
        return text.Remove(start, end - start);
    }

    /// <summary>The DOCTYPE of the prolog; one inside content (HTML in a CDATA section) is not ours to touch.</summary>
    private static (int Start, int End)? FindDoctype(string text)
    {
        var start = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }
        var root = FeedMarkup.FirstElementNameEnd(text);
        return root >= 0 && start > root ? null : (start, DoctypeEnd(text, start));
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
        StringBuilder? builder = null;
        var copied = 0;
        void Replace(int index, int length, string replacement)
        {
            builder ??= new StringBuilder(text.Length + 1024);
            builder.Append(text, copied, index - copied).Append(replacement);
            copied = index + length;
        }
        // ValueMatch allocates nothing: most matches (&amp; &lt; CDATA, comments) need no change.
        foreach (var m in EntityOrSkipped().EnumerateMatches(text))
        {
            var match = text.AsSpan(m.Index, m.Length);
            if (match[0] != '&')
            {
                continue;
            }
            if (m.Length == 1)
            {
                bare++;
                if ((growthLeft -= 4) < 0)
                {
                    throw new FeedParseException("not a feed: too many unescaped '&' to repair");
                }
                Replace(m.Index, 1, "&amp;");
                continue;
            }
            var name = match[1..^1];
            if (name[0] == '#')
            {
                if (!IsXmlChar(CharacterReference(name)))
                {
                    invalidReferences++;
                    Replace(m.Index, m.Length, "");
                }
                continue;
            }
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                continue;
            }
            var key = name.ToString();
            if (declared.Contains(key))
            {
                Note(dropped, key);
                Replace(m.Index, m.Length, "");
                continue;
            }
            var decoded = WebUtility.HtmlDecode(match.ToString());
            if (decoded.Length > 0 && decoded[0] != '&')
            {
                Note(html, key);
                Replace(m.Index, m.Length, HexReferences(decoded));
                continue;
            }
            Note(unknown, key);
            if ((growthLeft -= 4) < 0)
            {
                throw new FeedParseException("not a feed: too many unknown entities to repair");
            }
            Replace(m.Index, 1, "&amp;");
        }
        ReportEntityRepairs(warnings, html, unknown, dropped, bare, invalidReferences);
        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static void Note(SortedSet<string> names, string name)
    {
        if (names.Count < 10)
        {
            names.Add(name);
        }
    }

    /// <summary>The code point of "#38" or "#x26"; -1 when it is not a number.</summary>
    private static int CharacterReference(ReadOnlySpan<char> name) => name[1] is 'x' or 'X'
        ? int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : -1
        : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1;

    /// <summary>Decoded text as hexadecimal character references, which XML knows without a DTD.</summary>
    private static string HexReferences(string decoded)
    {
        var reference = new StringBuilder();
        foreach (var rune in decoded.EnumerateRunes())
        {
            reference.Append("&#x").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(';');
        }
        return reference.ToString();
    }

    private static void ReportEntityRepairs(List<string> warnings, SortedSet<string> html, SortedSet<string> unknown, SortedSet<string> dropped, int bare, int invalidReferences)
    {
        if (html.Count > 0) warnings.Add($"undeclared HTML entities were decoded: {Names(html)}");
        if (unknown.Count > 0) warnings.Add($"unknown entities were kept as text: {Names(unknown)}");
        if (dropped.Count > 0) warnings.Add($"references to DOCTYPE entities were dropped: {Names(dropped)}");
        if (bare > 0) warnings.Add($"{bare} unescaped '&' were escaped");
        if (invalidReferences > 0) warnings.Add($"{invalidReferences} character references to characters not allowed in XML were removed");
    }

    private static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Take(10));

    /// <summary>Prefixes used but never declared get the namespace they usually stand for, declared on the root.</summary>
    private static string DeclarePrefixes(string text, List<string> warnings)
    {
        var used = UsedPrefixes(text);
        used.Remove("xml");
        used.Remove("xmlns");
        if (used.Count == 0)
        {
            return text;
        }
        for (var i = text.IndexOf("xmlns:", StringComparison.Ordinal); i >= 0 && used.Count > 0; i = text.IndexOf("xmlns:", i + 6, StringComparison.Ordinal))
        {
            var end = i + 6;
            while (end < text.Length && end - i < 70 && IsNameChar(text[end]))
            {
                end++;
            }
            used.Remove(text[(i + 6)..end]);
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

    /// <summary>
    /// Names before a ':' that start a tag ("&lt;dc:", "&lt;/dc:") or an attribute (" dc:").
    /// A linear scan (each ':' looks back at most 64 characters); at most 100 distinct prefixes.
    /// </summary>
    private static HashSet<string> UsedPrefixes(string text)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = text.IndexOf(':'); i >= 0 && used.Count < 100; i = text.IndexOf(':', i + 1))
        {
            if (i + 1 >= text.Length || !(char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                continue;
            }
            var start = i;
            while (start > 0 && i - start < 64 && IsNameChar(text[start - 1]))
            {
                start--;
            }
            if (start == i || start == 0 || !(char.IsAsciiLetter(text[start]) || text[start] == '_'))
            {
                continue;
            }
            var before = text[start - 1];
            if (before is '<' or ' ' or '\t' or '\r' or '\n' || (before == '/' && start >= 2 && text[start - 2] == '<'))
            {
                used.Add(text[start..i]);
            }
        }
        return used;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    [GeneratedRegex(@"<\?xml\s[^<>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""<!ENTITY\s+([A-Za-z_][A-Za-z0-9_.\-]*)\s+(?:"([^"%&<]*)"|'([^'%&<]*)')\s*>""")]
    private static partial Regex PlainEntityDeclaration();

    [GeneratedRegex(@"<!ENTITY\s+(?:%\s+)?([^\s>]+)")]
    private static partial Regex EntityDeclaration();

    [GeneratedRegex(@"<!\[CDATA\[.*?(?:\]\]>|\z)|<!--.*?(?:-->|\z)|&(?:(?<ref>#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z_][A-Za-z0-9_.\-]{0,40});)?", RegexOptions.Singleline)]
    private static partial Regex EntityOrSkipped();

}
