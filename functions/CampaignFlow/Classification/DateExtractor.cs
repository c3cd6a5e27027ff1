using System.Collections.Frozen;
using System.Globalization;

namespace CampaignFlow.Classification;

/// <summary>Finds the first date after a conference word: "5–7 May 2025", "in June", "12. juni".</summary>
internal sealed class DateExtractor(ExtractionRules extraction)
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DateJoiners =
        new[] { "to", "til", "au", "al", "and", "og", "et", "y", "fra", "from", "du", "del", "de", "between", "mellom", "entre" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MonthLeads =
        new[] { "in", "i", "en", "of", "since", "during", "until", "from", "fra", "to", "til", "au", "al", "on", "le", "el", "the" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> months =
        extraction.Months.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The first date among tokens <paramref name="from"/> to <paramref name="to"/> (exclusive), or null.</summary>
    public string? Extract(MatchContext m, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!months.ContainsKey(m.Word(i)))
            {
                continue;
            }
            var days = DaysBefore(m, i, from);
            var year = i + 1 < m.Tokens.Count && m.Word(i + 1) is { Length: 4 } y4 && int.TryParse(y4, out var y) && y is > 1900 and < 2100 ? y4.ToString() : null;
            // Why: "may" and "mars" are also ordinary words; a month needs a day, a year or a preposition.
            if (days.Count == 0 && year is null && !(i > 0 && MonthLeads.Contains(m.Word(i - 1))))
            {
                continue;
            }
            year ??= m.Published?.Year.ToString(CultureInfo.InvariantCulture);
            var dayText = days.Count switch { 0 => "", 1 => days[0] + " ", _ => $"{days[0]}–{days[^1]} " };
            return $"{dayText}{m.Word(i).ToString()}{(year is null ? "" : " " + year)}";
        }
        return null;
    }

    /// <summary>The day numbers just before a month word, joined by "to", "og", "et"…</summary>
    private static List<string> DaysBefore(MatchContext m, int month, int from)
    {
        var days = new List<string>();
        for (var j = month - 1; j >= from - 1 && j >= 0 && j >= month - 4; j--)
        {
            var w = m.Word(j);
            if (int.TryParse(w, out var d) && d is >= 1 and <= 31)
            {
                days.Insert(0, w.ToString());
            }
            else if (!(days.Count > 0 && DateJoiners.Contains(w)))
            {
                break;
            }
        }
        return days;
    }
}
