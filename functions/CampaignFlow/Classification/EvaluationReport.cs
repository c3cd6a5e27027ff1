using System.Globalization;
using System.Text;

namespace CampaignFlow.Classification;

/// <summary>How a rule set does on a labeled corpus, and (with a baseline) which decisions an edit would change.</summary>
public sealed record EvaluationReport
{
    public required string RuleSetVersion { get; init; }
    public string? BaselineVersion { get; init; }
    public required int Stories { get; init; }
    public required PrecisionRecall Relevance { get; init; }
    public required IReadOnlyList<PrecisionRecall> Topics { get; init; }
    public required PrecisionRecall TopicsMicro { get; init; }
    public required IReadOnlyList<PrecisionRecall> Regions { get; init; }
    public required PrecisionRecall RegionsMicro { get; init; }
    public required IReadOnlyList<ConfusionItem> Confusion { get; init; }
    public IReadOnlyList<DecisionChange> DecisionChanges { get; init; } = [];
    public int Held { get; init; }

    public string Render()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"Rule set {RuleSetVersion} on {Stories} stories ({Held} held for review)");
        sb.AppendLine(inv, $"Relevance  precision {Relevance.Precision:F3}  recall {Relevance.Recall:F3}  F1 {Relevance.F1:F3}  (tp {Relevance.TruePositives}, fp {Relevance.FalsePositives}, fn {Relevance.FalseNegatives})");
        Table(sb, "Topics", Topics, TopicsMicro);
        Table(sb, "Regions", Regions, RegionsMicro);
        sb.AppendLine();
        sb.AppendLine(inv, $"Confusion ({Confusion.Count})");
        foreach (var c in Confusion)
        {
            sb.AppendLine(inv, $"  {c.Kind,-15} {c.Id,-6} score {c.Score:F3}  {c.Title}");
        }
        if (BaselineVersion is not null)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"Decision changes from baseline {BaselineVersion} ({DecisionChanges.Count})");
            foreach (var d in DecisionChanges)
            {
                var label = d.Labeled switch { true => "labeled relevant", false => "labeled irrelevant", null => "unlabeled" };
                sb.AppendLine(inv, $"  {d.Id,-6} {d.Before} ({d.BeforeScore:F3}) -> {d.After} ({d.AfterScore:F3})  [{label}]  {d.Title}");
            }
        }
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string name, IReadOnlyList<PrecisionRecall> rows, PrecisionRecall micro)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"{name,-24} {"prec",6} {"recall",6} {"F1",6} {"tp",4} {"fp",4} {"fn",4}");
        foreach (var r in rows.Append(micro))
        {
            sb.AppendLine(inv, $"{r.Label,-24} {r.Precision,6:F3} {r.Recall,6:F3} {r.F1,6:F3} {r.TruePositives,4} {r.FalsePositives,4} {r.FalseNegatives,4}");
        }
    }
}
