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
    /// <summary>
    /// Scores verdicts against their labels (pairs in any order; unlabeled stories are not passed), with the
    /// same counting as <c>classify evaluate</c> (<see cref="ClassifierEvaluator.Score"/>).
    /// </summary>
    public static RuleScores Measure(string version, IReadOnlyList<(LabeledStory Label, StoryVerdict Verdict)> pairs)
    {
        var report = ClassifierEvaluator.Score(version, pairs);
        return new RuleScores(version, pairs.Count, report.Relevance, report.Topics, report.TopicsMicro, report.Regions, report.RegionsMicro);
    }
}
