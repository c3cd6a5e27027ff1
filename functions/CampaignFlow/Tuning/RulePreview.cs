using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>
/// The live preview: re-classifies the baseline's stories with edited rules and reports the decisions that change
/// and the scores on the labeled stories, next to the active version's.
/// </summary>
public static class RulePreview
{
    /// <summary>Classifies every story with the edited rules and compares with the baseline.</summary>
    public static PreviewResult Run(PreviewBaseline baseline, CompiledRuleSet edited)
    {
        var after = ClassifyAll(edited, baseline.Stories);
        var changes = new List<PreviewChange>();
        for (var i = 0; i < after.Length; i++)
        {
            var before = baseline.Verdicts[i];
            if (before.Decision != after[i].Decision)
            {
                changes.Add(new PreviewChange(baseline.Stories[i], before.Decision, before.Score, after[i]));
            }
        }
        // Alerts gained first, then alerts lost, then holds; within each the strongest score first.
        var ordered = changes
            .OrderByDescending(c => c.NowAlerts).ThenByDescending(c => c.StopsAlerting)
            .ThenByDescending(c => c.After.Score)
            .ThenBy(c => c.Story.Text.Id, StringComparer.Ordinal)
            .ToList();
        return new PreviewResult(baseline.Recent, baseline.Labeled, ordered, baseline.Scores, Score(edited.Version, baseline.Stories, after));
    }

    internal static StoryVerdict[] ClassifyAll(CompiledRuleSet rules, IReadOnlyList<PreviewStory> stories)
    {
        var verdicts = new StoryVerdict[stories.Count];
        // Why: a compiled rule set is immutable and thread-safe; an edit's latency is the classification of every story.
        Parallel.For(0, stories.Count, i => verdicts[i] = rules.Classify(stories[i].Text));
        return verdicts;
    }

    internal static RuleScores Score(string version, IReadOnlyList<PreviewStory> stories, IReadOnlyList<StoryVerdict> verdicts)
    {
        var pairs = new List<(LabeledStory, StoryVerdict)>(stories.Count);
        for (var i = 0; i < stories.Count; i++)
        {
            if (stories[i].Label is { } label)
            {
                pairs.Add((label, verdicts[i]));
            }
        }
        return RuleScores.Measure(version, pairs);
    }
}
