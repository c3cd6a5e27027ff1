using System.Buffers;

namespace CampaignFlow.Classification;

/// <summary>
/// Maps rule terms one character to one character: hyphens, dashes and line breaks become spaces,
/// typographic apostrophes become '. Stories are split into words by <see cref="TokenMatcher"/>, which
/// treats the same characters as separators, so "sous-munitions" in a rule matches "sous munitions".
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
}
