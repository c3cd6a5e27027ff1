using System.Collections.Frozen;

namespace CampaignFlow.Classification;

/// <summary>Counts of states: "111 States Parties", "nearly 100 countries", "tre nye land".</summary>
internal sealed class CountExtractor(ExtractionRules extraction)
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> fillers =
        extraction.CountFillers.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly FrozenDictionary<string, string> qualifiers =
        extraction.CountQualifiers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> numberWords =
        extraction.NumberWords.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    public List<StateCount> Extract(MatchContext m)
    {
        var counts = new List<StateCount>();
        foreach (var n in m.Hits[MatchKind.CountNoun])
        {
            var i = n.First - 1;
            while (i >= 0 && i >= n.First - 3 && fillers.Contains(m.Word(i)))
            {
                i--;
            }
            if (i < 0)
            {
                continue;
            }
            var w = m.Word(i);
            if (!int.TryParse(w, out var count) && !numberWords.TryGetValue(w, out count))
            {
                continue;
            }
            if (count is < 2 or > 250)
            {
                continue;
            }
            var (qualifier, start) = Qualifier(m, i);
            var mention = m.Text[start..n.End];
            // Why: headlines repeat the lead; one count per distinct wording is enough.
            if (!counts.Exists(c => string.Equals(c.Text, mention, StringComparison.OrdinalIgnoreCase)))
            {
                counts.Add(new StateCount(mention, count, qualifier, start));
            }
        }
        return counts;
    }

    /// <summary>The qualifier of one or two words before the number ("nearly", "more than"), and where the mention starts.</summary>
    private (string? Qualifier, int Start) Qualifier(MatchContext m, int i)
    {
        if (i >= 2 && qualifiers.TryGetValue($"{m.Word(i - 2)} {m.Word(i - 1)}", out var q2))
        {
            return (q2, m.Tokens[i - 2].Start);
        }
        if (i >= 1 && qualifiers.TryGetValue(m.Word(i - 1).ToString(), out var q1))
        {
            return (q1, m.Tokens[i - 1].Start);
        }
        return (null, m.Tokens[i].Start);
    }
}
