using System.Net;
using System.Text.RegularExpressions;

namespace CampaignFlow.Feeds;

/// <summary>Plain text from feed text: markup stripped, entities decoded, white space collapsed.</summary>
internal static partial class FeedText
{
    /// <summary>Text that may carry HTML (RSS title/description, Atom type="html").</summary>
    public static string? FromHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var text = html;
        if (text.Contains('<'))
        {
            text = ScriptsAndComments().Replace(text, " ");
            text = Tags().Replace(text, m => m.Groups[1].Success ? " " : "");
        }
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
        var collapsed = Spaces().Replace(text, " ").Trim(' ');
        return collapsed.Length == 0 ? null : collapsed;
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

    private static readonly System.Text.Encoding Windows1252 = CreateWindows1252();

    private static System.Text.Encoding CreateWindows1252()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252);
    }

    [GeneratedRegex(@"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptsAndComments();

    // Group 1 marks block-level tags, which separate words; inline tags do not.
    [GeneratedRegex(@"</?(?:(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|hr|dd|dt|dl|section|article|header|footer|img|figure|figcaption)\b|[A-Za-z!/])[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Spaces();
}
