using System.Globalization;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Commands;

/// <summary>
/// What replacing one rule set with another does on the project's labeled corpus: precision, recall, F1 and held
/// stories of each, and the stories whose decision changes (the evaluator behind <c>classify evaluate --baseline</c>).
/// </summary>
public static class RuleSetComparison
{
    public static void Write(TextWriter output, CompiledRuleSet before, string beforeLabel, CompiledRuleSet after, string afterLabel)
    {
        var corpus = LabeledCorpus.ReadDefault();
        var was = ClassifierEvaluator.Evaluate(corpus, before);
        var now = ClassifierEvaluator.Evaluate(corpus, after, baseline: before);
        output.WriteLine($"on the labeled corpus ({corpus.Count} stories, classify evaluate for the full report):");
        TextTable.Write(output, ["rule set", "precision", "recall", "F1", "held"], [Row(beforeLabel, was), Row(afterLabel, now)]);
        if (now.DecisionChanges.Count == 0)
        {
            output.WriteLine("no story's decision changes");
            return;
        }
        output.WriteLine($"decisions that change ({now.DecisionChanges.Count}):");
        foreach (var d in now.DecisionChanges)
        {
            var label = d.Labeled switch { true => "labeled relevant", false => "labeled irrelevant", null => "unlabeled" };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Id,-6} {d.Before} ({d.BeforeScore:F3}) -> {d.After} ({d.AfterScore:F3})  [{label}]  {d.Title}"));
        }
    }

    private static IReadOnlyList<string> Row(string label, EvaluationReport report) =>
    [
        label,
        report.Relevance.Precision.ToString("F3", CultureInfo.InvariantCulture),
        report.Relevance.Recall.ToString("F3", CultureInfo.InvariantCulture),
        report.Relevance.F1.ToString("F3", CultureInfo.InvariantCulture),
        report.Held.ToString(CultureInfo.InvariantCulture),
    ];
}
