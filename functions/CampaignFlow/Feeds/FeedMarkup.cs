namespace CampaignFlow.Feeds;

/// <summary>Small scanning helpers over markup text that skip comments, processing instructions and the DOCTYPE.</summary>
internal static class FeedMarkup
{
    /// <summary>The name of the first element, or null when the text has none.</summary>
    public static string? FirstElementName(string text)
    {
        var end = FirstElementNameEnd(text);
        if (end < 0)
        {
            return null;
        }
        var start = end;
        while (start > 0 && text[start - 1] != '<')
        {
            start--;
        }
        return text[start..end];
    }

    /// <summary>The index just after the first element's name, or -1.</summary>
    public static int FirstElementNameEnd(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length)
            {
                return -1;
            }
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 3;
            }
            else if (text[i + 1] == '?')
            {
                var close = text.IndexOf("?>", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
            }
            else if (text[i + 1] == '!')
            {
                i = FeedXmlRepairs.DoctypeEnd(text, i);
            }
            else if (IsNameStart(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && IsNameChar(text[end]))
                {
                    end++;
                }
                return end;
            }
            else
            {
                i++;
            }
        }
        return -1;
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    public static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':';
}
