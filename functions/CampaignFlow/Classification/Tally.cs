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
}
