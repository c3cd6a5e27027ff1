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
        return RepairDoubleEncoding(Collapse(html.AsSpan().ContainsAny('<', '&') ? HtmlText.Raw(html) : html));
    }

    /// <summary>Plain text meant for a reader (titles, summaries, names): collapsed, and double-encoded UTF-8 repaired.</summary>
    public static string? Plain(string? text) => RepairDoubleEncoding(Collapse(text));

    /// <summary>
    /// UTF-8 that was decoded as Latin-1 or windows-1252 and encoded again ("Ã©" for "é",
    /// "Ã¶" for "ö", "â€™" for "’"), as many CMSes write it. Repaired only when the whole
    /// string maps back to bytes (Latin-1, or windows-1252 for U+0080–U+009F's printable
    /// stand-ins) that are strictly valid UTF-8 and contain a multi-byte sequence; any other
    /// text (real accented text, another script) is returned as it is. feedparser does the same
    /// for Latin-1 only.
    /// </summary>
    public static string? RepairDoubleEncoding(string? text)
    {
        if (text is null || !text.AsSpan().ContainsAnyInRange('\u00C2', '\u00F4'))
        {
            return text;
        }
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= '\u00FF')
            {
                bytes[i] = (byte)c;
            }
            else if (Windows1252Bytes.TryGetValue(c, out var b))
            {
                bytes[i] = b;
            }
            else
            {
                return text;
            }
        }
        try
        {
            var repaired = StrictUtf8.GetString(bytes);
            return repaired.Length < text.Length ? repaired : text;
        }
        catch (DecoderFallbackException)
        {
            return text;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The characters windows-1252 puts at 0x80–0x9F, back to their byte.</summary>
    private static readonly Dictionary<char, byte> Windows1252Bytes = Enumerable.Range(0x80, 0x20)
        .Select(b => (Byte: (byte)b, Text: Windows1252.GetString([(byte)b])))
        .Where(p => p.Text.Length == 1 && p.Text[0] > '\u00FF')
        .ToDictionary(p => p.Text[0], p => p.Byte);

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
