using System.Globalization;
using System.Text;
using CampaignFlow.Classification;

namespace CampaignFlow.Cli.Tools;

/// <summary>Readable evidence for one story (`campaignflow classify explain`), and the email's one-line reason.</summary>
public static class ClassificationExplainer
{
    public static string Explain(StoryText story, StoryVerdict c)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Story     {story.Id}: {story.Title}");
        sb.AppendLine(inv, $"Decision  {c.Decision} (relevant: {(c.Relevant ? "yes" : "no")}, score {c.Score:F3}, raw {c.RawScore:F2}) with rule set {c.RuleSetVersion}");
        sb.AppendLine("Evidence");
        if (c.Evidence.Count == 0)
        {
            sb.AppendLine("  (no anchor or supporting term found)");
        }
        foreach (var m in c.Evidence)
        {
            sb.AppendLine(inv, $"  {m.Weight,6:+0.00;-0.00}  {m.Kind,-9} \"{m.Term}\" at {m.Position}{(m.Count > 1 ? $" ×{m.Count}" : "")}{(m.Reason is null ? "" : $"  ({m.Reason})")}");
        }
        if (c.Negatives.Count > 0)
        {
            sb.AppendLine("Negatives");
            foreach (var m in c.Negatives)
            {
                sb.AppendLine(inv, $"  {m.Weight,6:+0.00;-0.00}  \"{m.Term}\" at {m.Position}{(m.Count > 1 ? $" ×{m.Count}" : "")}{(m.Reason is null ? "" : $"  ({m.Reason})")}");
            }
        }
        sb.AppendLine(inv, $"Topics    {(c.Topics.Count == 0 ? "(none)" : string.Join(", ", c.Topics))}");
        foreach (var t in c.TopicEvidence.Where(t => t.Score != 0).OrderByDescending(t => t.Score))
        {
            sb.AppendLine(inv, $"  {(t.Assigned ? "+" : " ")} {t.Topic,-23} {t.Score,5:F2} / {t.Threshold:F2}  {string.Join(", ", t.Matches.Select(m => $"{m.Term} {m.Weight:+0.0;-0.0}"))}");
        }
        sb.AppendLine(inv, $"Regions   {(c.Regions.Count == 0 ? "(none: global)" : string.Join(", ", c.Regions))}");
        sb.AppendLine(inv, $"States    {(c.States.Count == 0 ? "(none)" : string.Join(", ", c.States))}");
        foreach (var s in c.StateCounts)
        {
            sb.AppendLine(inv, $"Count     \"{s.Text}\" = {s.Count}{(s.Qualifier is null ? "" : $" ({s.Qualifier})")}");
        }
        foreach (var m in c.Conferences)
        {
            sb.AppendLine(inv, $"Meeting   {m.Name}{(m.Place is null ? "" : $", {m.Place}")}{(m.State is null ? "" : $" ({m.State})")}{(m.Dates is null ? "" : $", {m.Dates}")}");
        }
        return sb.ToString();
    }

    /// <summary>The email's "why you got this" line: the strongest few pieces of evidence.</summary>
    public static string Reason(StoryVerdict c) =>
        c.Evidence.Count == 0
            ? "No cluster-munitions terms found."
            : "Mentions " + string.Join(", ", c.Evidence.Where(m => m.Kind != "title").Take(3).Select(m => $"\"{m.Term}\"")) +
              (c.Topics.Count > 0 ? $"; topics: {string.Join(", ", c.Topics)}" : "") + ".";
}
