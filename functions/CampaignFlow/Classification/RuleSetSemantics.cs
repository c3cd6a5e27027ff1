namespace CampaignFlow.Classification;

/// <summary>
/// The checks of a rule set that its schema (config/rules.schema.json, see <see cref="RuleSetSchema"/>)
/// cannot state: rules across fields, terms as the matcher normalises them, and labels for topics or
/// regions this rule set never assigns. Everything structural is the schema's job, not repeated here.
/// </summary>
internal static class RuleSetSemantics
{
    public static List<(string Path, string Message)> Validate(RuleSet r)
    {
        var errors = new List<(string, string)>();
        var s = r.Scoring;
        if (!(s.ReviewLow <= s.Threshold && s.Threshold <= s.ReviewHigh))
        {
            errors.Add(("$.scoring.reviewLow", "the review band must contain the threshold: reviewLow ≤ threshold ≤ reviewHigh"));
        }
        Groups(r.Anchors, "$.anchors", errors);
        Groups(r.Contexts, "$.contexts", errors);
        Groups(r.Negatives, "$.negatives", errors);
        Proximity(r.Proximity, "$.proximity", errors);
        foreach (var (name, topic) in r.Topics)
        {
            Groups(topic.Terms, $"$.topics.{name}.terms", errors);
            Proximity(topic.Proximity, $"$.topics.{name}.proximity", errors);
        }
        for (var i = 0; i < r.Gazetteer.Count; i++)
        {
            Terms(r.Gazetteer[i].Names, $"$.gazetteer[{i}].names", errors);
            Terms(r.Gazetteer[i].Cities, $"$.gazetteer[{i}].cities", errors);
        }
        for (var i = 0; i < r.RegionTerms.Count; i++)
        {
            Terms(r.RegionTerms[i].Terms, $"$.regionTerms[{i}].terms", errors);
        }
        if (r.Labels is { } labels)
        {
            var taxonomy = RuleSetTaxonomy.Of(r);
            Unassigned(labels.Topics.Keys, "$.labels.topics", "topic", taxonomy.Topics, errors);
            Unassigned(labels.Regions.Keys, "$.labels.regions", "region", taxonomy.Regions, errors);
        }
        return errors;
    }

    private static void Groups(IReadOnlyList<TermGroup> groups, string path, List<(string, string)> errors)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            Terms(groups[g].Terms, $"{path}[{g}].terms", errors);
        }
    }

    private static void Proximity(IReadOnlyList<ProximityRule> rules, string path, List<(string, string)> errors)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            Terms(rules[i].Terms, $"{path}[{i}].terms", errors);
            Terms(rules[i].Near, $"{path}[{i}].near", errors);
        }
    }

    /// <summary>A term must still say something once normalised as the text it is matched against is.</summary>
    private static void Terms(IReadOnlyList<string> terms, string path, List<(string, string)> errors)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            var t = terms[i] ?? "";
            var (text, _) = TermIndex.Prepare(t);
            if (text.Length == 0)
            {
                errors.Add(($"{path}[{i}]", "empty term"));
            }
            else if (text.Length < 2)
            {
                errors.Add(($"{path}[{i}]", $"term \"{t}\" is shorter than two characters"));
            }
        }
    }

    /// <summary>A label nobody can choose is a typo or a leftover; either way staff should hear of it.</summary>
    private static void Unassigned(IEnumerable<string> ids, string path, string kind, IReadOnlyList<string> assigned, List<(string, string)> errors)
    {
        foreach (var id in ids)
        {
            if (!assigned.Contains(id))
            {
                errors.Add(($"{path}.{id}", $"label for {kind} \"{id}\", which this rule set never assigns; its {kind}s: {string.Join(", ", assigned)}"));
            }
        }
    }
}
