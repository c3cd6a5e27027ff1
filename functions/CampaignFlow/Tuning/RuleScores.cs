using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>Precision, recall and F1 of one rule set on the labeled stories: relevance, each topic and region, and their micro averages.</summary>
public sealed record RuleScores(
    string Version,
    int Stories,
    PrecisionRecall Relevance,
    IReadOnlyList<PrecisionRecall> Topics,
    PrecisionRecall TopicsMicro,
    IReadOnlyList<PrecisionRecall> Regions,
    PrecisionRecall RegionsMicro)
{
    /// <summary>Scores verdicts against their labels (pairs in any order; unlabeled stories are not passed).</summary>
    public static RuleScores Measure(string version, IReadOnlyList<(LabeledStory Label, StoryVerdict Verdict)> pairs)
    {
        var relevance = Count("relevance", pairs.Select(p => (Flag(p.Label.Relevant), Flag(p.Verdict.Relevant))));
        var (topics, topicsMicro) = PerLabel(ClassificationTaxonomy.Topics, pairs.Select(p => (p.Label.Topics, p.Verdict.Topics)).ToList());
        var (regions, regionsMicro) = PerLabel(ClassificationTaxonomy.Regions, pairs.Select(p => (p.Label.Regions, p.Verdict.Regions)).ToList());
        return new RuleScores(version, pairs.Count, relevance, topics, topicsMicro, regions, regionsMicro);
    }

    private static IEnumerable<string> Flag(bool value) => value ? ["relevant"] : [];

    private static (IReadOnlyList<PrecisionRecall> Rows, PrecisionRecall Micro) PerLabel(
        IReadOnlyList<string> labels, List<(IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted)> pairs)
    {
        var rows = labels.Select(l => Count(l, pairs.Select(p => (p.Gold.Where(g => g == l), p.Predicted.Where(g => g == l))))).ToList();
        var micro = new PrecisionRecall("micro", rows.Sum(r => r.TruePositives), rows.Sum(r => r.FalsePositives), rows.Sum(r => r.FalseNegatives));
        return (rows, micro);
    }

    private static PrecisionRecall Count(string label, IEnumerable<(IEnumerable<string> Gold, IEnumerable<string> Predicted)> pairs)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (gold, predicted) in pairs)
        {
            var g = gold.ToHashSet(StringComparer.Ordinal);
            var p = predicted.ToHashSet(StringComparer.Ordinal);
            tp += g.Count(p.Contains);
            fp += p.Count(x => !g.Contains(x));
            fn += g.Count(x => !p.Contains(x));
        }
        return new PrecisionRecall(label, tp, fp, fn);
    }
}
