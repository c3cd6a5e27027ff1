namespace CampaignFlow.Classification;

/// <summary>Occurrences of one term for one rule, turned into a single weighted piece of evidence.</summary>
internal sealed class Tally(string kind, int rule, int pattern, string term, int position, double weight, string? reason)
{
    public string Kind { get; } = kind;
    public int Rule { get; } = rule;
    public int Pattern { get; } = pattern;

    public int Count { get; set; } = 1;

    public TermMatch ToMatch(ScoringSettings s)
    {
        // Why: repeats add weight with diminishing returns so one story saying "cluster munitions" ten times does not swamp negatives.
        var total = weight * (1 + s.RepeatFactor * (Math.Min(Count, s.MaxRepeats) - 1));
        return new TermMatch(term, position, Math.Round(total, 3), Kind, Count, reason);
    }

    /// <summary>Adds one occurrence; a story has few distinct terms, so a list beats a hash table here.</summary>
    public static void Add(List<Tally> tallies, string kind, Hit h, string text, double weight, string? reason, int rule = -1, Hit? right = null)
    {
        var ruleKey = rule < 0 ? h.Usage.Rule : rule;
        foreach (var t in tallies)
        {
            if (t.Pattern == h.Pattern && t.Rule == ruleKey && ReferenceEquals(t.Kind, kind))
            {
                t.Count++;
                return;
            }
        }
        var term = right is { } r ? $"{h.Text(text)} … {r.Text(text)}" : h.Text(text);
        tallies.Add(new Tally(kind, ruleKey, h.Pattern, term, h.Start, weight, reason));
    }
}
