namespace CampaignFlow.Classification;

/// <summary>Scores a story by the weighted terms of a rule set.</summary>
public sealed class KeywordClassifier(RuleSet rules) : IStoryClassifier
{
    public Classification Classify(StoryText story)
    {
        var text = $"{story.Title}\n{story.Body}";
        var evidence = rules.Terms
            .Select(t => new TermMatch(t.Term, text.IndexOf(t.Term, StringComparison.OrdinalIgnoreCase), t.Weight))
            .Where(m => m.Position >= 0)
            .OrderByDescending(m => m.Weight)
            .ToList();
        var score = evidence.Sum(m => m.Weight);
        var relevant = score >= rules.Threshold;
        return new Classification
        {
            Relevant = relevant,
            Score = score,
            Decision = relevant ? ClassificationDecision.Send : ClassificationDecision.Drop,
            Topics = relevant ? Matching(rules.Topics, text) : [],
            Regions = relevant ? Matching(rules.Regions, text) : [],
            Evidence = evidence,
            RuleSetVersion = rules.Version,
        };
    }

    private static List<string> Matching(IReadOnlyDictionary<string, IReadOnlyList<string>> labels, string text) =>
        labels.Where(l => l.Value.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase))).Select(l => l.Key).ToList();
}
