using System.Globalization;
using System.Text;

namespace CampaignFlow.Tuning;

/// <summary>
/// Splits text into lower-case words the way the classifier does (letters and digits; hyphens, apostrophes and
/// punctuation separate words), so a suggested phrase is one the matcher finds.
/// </summary>
internal static class Words
{
    public static IReadOnlyList<string> Of(string text)
    {
        var words = new List<string>(text.Length / 6);
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c)))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    /// <summary>A rule term as words: the trailing '*' of a prefix term dropped.</summary>
    public static (string Phrase, bool Prefix) OfTerm(string term)
    {
        var t = term.Trim();
        var prefix = t.EndsWith('*');
        return (string.Join(' ', Of(prefix ? t[..^1] : t)), prefix);
    }
}
