using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>Small edits the console applies for staff: a suggested anchor or negative term in its own group.</summary>
public static class RuleSetEdits
{
    public static RuleSet AddAnchor(RuleSet rules, string language, string phrase, double weight, string reason) =>
        rules with { Anchors = [.. rules.Anchors, Group(language, phrase, weight, reason)] };

    public static RuleSet AddNegative(RuleSet rules, string language, string phrase, double weight, string reason) =>
        rules with { Negatives = [.. rules.Negatives, Group(language, phrase, -Math.Abs(weight), reason)] };

    /// <summary>Every term of every rule, for "is this phrase already in the rules".</summary>
    public static IEnumerable<string> AllTerms(RuleSet rules) =>
        rules.Anchors.Concat(rules.Contexts).Concat(rules.Negatives).SelectMany(g => g.Terms)
            .Concat(rules.Proximity.SelectMany(p => p.Terms.Concat(p.Near)))
            .Concat(rules.Topics.Values.SelectMany(t => t.Terms.SelectMany(g => g.Terms).Concat(t.Proximity.SelectMany(p => p.Terms.Concat(p.Near)))));

    private static TermGroup Group(string language, string phrase, double weight, string reason) =>
        new() { Lang = language, Weight = weight, Terms = [phrase], Reason = reason };
}
