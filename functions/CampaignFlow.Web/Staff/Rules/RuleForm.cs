using System.Globalization;
using CampaignFlow.Classification;
using CampaignFlow.Tuning;
using Microsoft.AspNetCore.Http;

namespace CampaignFlow.Web.Staff.Rules;

/// <summary>
/// Reads the form editor back into a rule set: scoring thresholds, anchor, context and negative term groups, proximity
/// pairs, topics and region terms, each group with its language, weight and terms (one per line; a group whose terms
/// are emptied is removed; the blank group at the end of each list adds one). What the form does not show (states and
/// cities, labels, extraction) comes from the rule set the editor opened. Unreadable numbers are problems at their field.
/// </summary>
public sealed class RuleForm(IFormCollection form, RuleSet opened)
{
    private readonly List<RuleSetProblem> problems = [];

    public static (RuleSet Rules, IReadOnlyList<RuleSetProblem> Problems) Read(IFormCollection form, RuleSet opened)
    {
        var reader = new RuleForm(form, opened);
        var rules = reader.ReadAll();
        return (rules, reader.problems);
    }

    private RuleSet ReadAll() => opened with
    {
        Scoring = opened.Scoring with
        {
            Threshold = Number("scoring.threshold", opened.Scoring.Threshold),
            ReviewLow = Number("scoring.reviewLow", opened.Scoring.ReviewLow),
            ReviewHigh = Number("scoring.reviewHigh", opened.Scoring.ReviewHigh),
        },
        Anchors = Groups("anchors"),
        Contexts = Groups("contexts"),
        Negatives = Groups("negatives"),
        Proximity = Proximity("proximity"),
        Topics = opened.Topics.ToDictionary(t => t.Key, t => t.Value with
        {
            Threshold = Number($"topics.{t.Key}.threshold", t.Value.Threshold),
            Terms = Groups($"topics.{t.Key}.terms"),
            Proximity = Proximity($"topics.{t.Key}.proximity"),
        }),
        RegionTerms = RegionTerms(),
    };

    private List<TermGroup> Groups(string list)
    {
        var groups = new List<TermGroup>();
        for (var i = 0; Has($"{list}[{i}]"); i++)
        {
            var p = $"{list}[{i}]";
            var terms = Lines(p + ".terms");
            if (terms.Count == 0)
            {
                continue;
            }
            groups.Add(new TermGroup
            {
                Lang = Text(p + ".lang"),
                Weight = Number(p + ".weight", 1),
                Terms = terms,
                Within = OptionalInt(p + ".within"),
                Reason = Text(p + ".reason"),
            });
        }
        return groups;
    }

    private List<ProximityRule> Proximity(string list)
    {
        var rules = new List<ProximityRule>();
        for (var i = 0; Has($"{list}[{i}]"); i++)
        {
            var p = $"{list}[{i}]";
            var (terms, near) = (Lines(p + ".terms"), Lines(p + ".near"));
            if (terms.Count == 0 && near.Count == 0)
            {
                continue;
            }
            rules.Add(new ProximityRule
            {
                Lang = Text(p + ".lang"),
                Weight = Number(p + ".weight", 1),
                Anchor = form[p + ".anchor"].Any(v => v == "true"),
                Terms = terms,
                Near = near,
                Within = OptionalInt(p + ".within") ?? 3,
                Reason = Text(p + ".reason"),
            });
        }
        return rules;
    }

    private List<RegionTermGroup> RegionTerms()
    {
        var groups = new List<RegionTermGroup>();
        for (var i = 0; Has($"regionTerms[{i}]"); i++)
        {
            var p = $"regionTerms[{i}]";
            var terms = Lines(p + ".terms");
            if (terms.Count > 0)
            {
                groups.Add(new RegionTermGroup { Region = Text(p + ".region") ?? "", Weight = Number(p + ".weight", 1), Terms = terms });
            }
        }
        return groups;
    }

    /// <summary>Each group posts a hidden marker, so a list is read up to its last group whatever was emptied.</summary>
    private bool Has(string group) => form.ContainsKey(group + ".present");

    private string? Text(string field) => form[field].FirstOrDefault() is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private List<string> Lines(string field) =>
        [.. (form[field].FirstOrDefault() ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private double Number(string field, double fallback)
    {
        if (Text(field) is not { } text)
        {
            problems.Add(new RuleSetProblem("a number is needed", null, "$." + field));
            return fallback;
        }
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        problems.Add(new RuleSetProblem($"\"{text}\" is not a number (use a point for decimals, e.g. 1.5)", null, "$." + field));
        return fallback;
    }

    private int? OptionalInt(string field)
    {
        if (Text(field) is not { } text)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        problems.Add(new RuleSetProblem($"\"{text}\" is not a whole number of words", null, "$." + field));
        return null;
    }
}
