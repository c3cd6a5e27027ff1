using System.Text;

namespace CampaignFlow.Feeds;

/// <summary>Plain text from feed text: markup stripped and entities decoded (by <see cref="HtmlText"/>), white space collapsed.</summary>
internal static class FeedText
{
    private static readonly Encoding Windows1252 = CreateWindows1252();

    /// <summary>Text that may carry HTML (RSS title/description, Atom type="html").</summary>
    public static string? FromHtml(string? html)
    {
        if (html is null)
        {
            return null;
        }
        return Collapse(html.AsSpan().ContainsAny('<', '&') ? HtmlText.Raw(html) : html);
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
