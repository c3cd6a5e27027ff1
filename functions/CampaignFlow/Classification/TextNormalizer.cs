using System.Buffers;

namespace CampaignFlow.Classification;

/// <summary>
/// Maps text one character to one character (so match positions stay valid in the original):
/// hyphens, dashes and line breaks become spaces, typographic apostrophes become '.
/// Rule terms go through the same mapping, so "sous-munitions" matches "sous munitions".
/// </summary>
internal static class TextNormalizer
{
    private static readonly SearchValues<char> Special = SearchValues.Create("-\u2010\u2011\u2012\u2013\u2014\n\r\t\u00A0\u2019\u2018\u00AD");

    public static string Normalize(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }
        return string.Create(text.Length, text, static (dest, src) =>
        {
            src.AsSpan().CopyTo(dest);
            var i = dest.IndexOfAny(Special);
            while (i >= 0)
            {
                dest[i] = dest[i] is '\u2019' or '\u2018' ? '\'' : ' ';
                var next = dest[(i + 1)..].IndexOfAny(Special);
                i = next < 0 ? -1 : i + 1 + next;
            }
        });
    }

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    /// <summary>Words from one match end to the next match start: 1 when adjacent, 0 when they overlap.</summary>
    public static int WordDistance(ReadOnlySpan<char> text, int aEnd, int bStart)
    {
        if (bStart <= aEnd)
        {
            return 0;
        }
        var words = 0;
        var inWord = false;
        foreach (var c in text[aEnd..bStart])
        {
            var w = IsWordChar(c);
            if (w && !inWord)
            {
                words++;
            }
            inWord = w;
        }
        return words + 1;
    }
}
