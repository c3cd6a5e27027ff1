using System.Net;
using System.Text;

namespace CampaignFlow.Feeds;

/// <summary>Plain text from feed text: markup stripped, entities decoded, white space collapsed.</summary>
internal static class FeedText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
        "blockquote", "pre", "hr", "dd", "dt", "dl", "section", "article", "header", "footer", "img", "figure", "figcaption",
    };

    private static readonly Encoding Windows1252 = CreateWindows1252();

    /// <summary>Text that may carry HTML (RSS title/description, Atom type="html").</summary>
    public static string? FromHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var text = html.Contains('<') ? StripTags(html) : html;
        if (text.Contains('&'))
        {
            text = WebUtility.HtmlDecode(text);
        }
        return Collapse(text);
    }

    /// <summary>Text that is already plain: only white space is collapsed.</summary>
    public static string? Collapse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        text = RepairC1Controls(text);
        // Only ASCII white space: a no-break space is content.
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\f')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// One linear pass: a tag is '&lt;' followed by a letter, '/' or '!' and ends at '&gt;' (or at
    /// the next '&lt;'); block-level tags become a space, inline tags nothing; comments, scripts
    /// and styles are dropped with their content (to the end of the text when never closed).
    /// </summary>
    private static string StripTags(string html)
    {
        var builder = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                builder.Append(html, i, html.Length - i);
                break;
            }
            builder.Append(html, i, lt - i);
            var next = html[lt + 1];
            if (!(char.IsAsciiLetter(next) || next is '/' or '!'))
            {
                builder.Append('<');
                i = lt + 1;
                continue;
            }
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                builder.Append(' ');
                i = close < 0 ? html.Length : close + 3;
                continue;
            }
            var end = lt + 1;
            while (end < html.Length && html[end] is not ('>' or '<'))
            {
                end++;
            }
            var nameStart = next == '/' ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < end && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            i = end < html.Length && html[end] == '>' ? end + 1 : end;
            if (next != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + name.ToString(), i, StringComparison.OrdinalIgnoreCase);
                if (close < 0)
                {
                    break;
                }
                var closeEnd = html.IndexOf('>', close);
                i = closeEnd < 0 ? html.Length : closeEnd + 1;
                builder.Append(' ');
                continue;
            }
            if (BlockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
            {
                builder.Append(' ');
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// U+0080–U+009F are control characters nobody means; they come from windows-1252 bytes
    /// written as character references (&amp;#146; for ’). HTML5 maps them the same way.
    /// </summary>
    private static string RepairC1Controls(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009F'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0080' and <= '\u009F')
            {
                chars[i] = Windows1252.GetString([(byte)chars[i]]) is [var mapped] ? mapped : chars[i];
            }
        }
        return new string(chars);
    }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
