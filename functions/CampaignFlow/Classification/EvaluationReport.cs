using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>How a rule set does on a labeled corpus, and (with a baseline) which decisions an edit would change.</summary>
public sealed record EvaluationReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string RuleSetVersion { get; init; }
    public string? BaselineVersion { get; init; }
    public required int Stories { get; init; }
    public required PrecisionRecall Relevance { get; init; }
    public required IReadOnlyList<PrecisionRecall> Topics { get; init; }
    public required PrecisionRecall TopicsMicro { get; init; }
    public required IReadOnlyList<PrecisionRecall> Regions { get; init; }
    public required PrecisionRecall RegionsMicro { get; init; }
    /// <summary>Relevance and micro-averaged topic and region scores per story language.</summary>
    public IReadOnlyList<LanguageScores> Languages { get; init; } = [];
    public required IReadOnlyList<ConfusionItem> Confusion { get; init; }
    /// <summary>Every story whose verdict, topics or regions differ from its labels.</summary>
    public IReadOnlyList<LabelError> Errors { get; init; } = [];
    public IReadOnlyList<DecisionChange> DecisionChanges { get; init; } = [];
    public int Held { get; init; }

    /// <summary>The whole report as one JSON object (snake_case, ratios included), for scripts.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string Render()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"Rule set {RuleSetVersion} on {Stories} stories ({Held} held for review)");
        sb.AppendLine(inv, $"Relevance  precision {Relevance.Precision:F3}  recall {Relevance.Recall:F3}  F1 {Relevance.F1:F3}  (tp {Relevance.TruePositives}, fp {Relevance.FalsePositives}, fn {Relevance.FalseNegatives})");
        Table(sb, "Topics", Topics.Append(TopicsMicro));
        Table(sb, "Regions", Regions.Append(RegionsMicro));
        RenderLanguages(sb);
        sb.AppendLine();
        sb.AppendLine(inv, $"Confusion ({Confusion.Count})");
        foreach (var c in Confusion)
        {
            sb.AppendLine(inv, $"  {c.Kind,-15} {c.Id,-6} score {c.Score:F3}  {c.Title}");
        }
        RenderErrors(sb);
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

    private void RenderLanguages(StringBuilder sb)
    {
        foreach (var (name, pick) in new (string, Func<LanguageScores, PrecisionRecall>)[]
        {
            ("Relevance by language", l => l.Relevance),
            ("Topics by language", l => l.Topics),
            ("Regions by language", l => l.Regions),
        })
        {
            Table(sb, name, Languages.Select(l => pick(l) with { Label = $"{(l.Lang.Length == 0 ? "?" : l.Lang)} ({l.Stories} stories)" }));
        }
    }

    /// <summary>One line per wrong story: "+label" assigned but not labeled, "-label" labeled but missed.</summary>
    private void RenderErrors(StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"Stories with a wrong verdict, topic or region ({Errors.Count}; + assigned but not labeled, - labeled but missed)");
        foreach (var e in Errors)
        {
            var parts = new List<string>();
            if (e.LabeledRelevant != e.PredictedRelevant)
            {
                parts.Add(e.PredictedRelevant ? "relevance +" : "relevance -");
            }
            Describe(parts, "topics", e.ExtraTopics, e.MissingTopics);
            Describe(parts, "regions", e.ExtraRegions, e.MissingRegions);
            sb.AppendLine(inv, $"  {e.Id,-6} {e.Lang,-2}  {string.Join("  ", parts)}  | {e.Title}");
        }
    }

    private static void Describe(List<string> parts, string name, IReadOnlyList<string> extra, IReadOnlyList<string> missing)
    {
        if (extra.Count + missing.Count > 0)
        {
            parts.Add(name + " " + string.Join(" ", extra.Select(x => "+" + x).Concat(missing.Select(x => "-" + x))));
        }
    }

    private static void Table(StringBuilder sb, string name, IEnumerable<PrecisionRecall> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"{name,-24} {"prec",6} {"recall",6} {"F1",6} {"support",7} {"tp",4} {"fp",4} {"fn",4}");
        foreach (var r in rows)
        {
            sb.AppendLine(inv, $"{r.Label,-24} {r.Precision,6:F3} {r.Recall,6:F3} {r.F1,6:F3} {r.Support,7} {r.TruePositives,4} {r.FalsePositives,4} {r.FalseNegatives,4}");
        }
    }
}
