using CampaignFlow.Classification;

namespace CampaignFlow.Tests.Classification;

/// <summary>The shipped default rule set (compiled once) and small hand-made rule sets for single rule kinds.</summary>
internal static class TestRules
{
    private static readonly Lazy<CompiledRuleSet> LazyDefault = new(RuleSetLoader.LoadDefault);

    public static CompiledRuleSet Default => LazyDefault.Value;

    /// <summary>The shipped rule set's JSON under another version (a publishable copy).</summary>
    public static string DefaultJson(string version) =>
        System.Text.Json.Nodes.JsonNode.Parse(RuleSetLoader.ReadDefaultJson())!.AsObject() is var o && (o["version"] = version) is not null ? o.ToJsonString() : "";

    public static TermGroup Group(double weight, params string[] terms) => new() { Weight = weight, Terms = terms };

    /// <summary>One anchor group plus whatever the test adds.</summary>
    public static RuleSet Minimal(params string[] anchors) => new()
    {
        Version = "test-1",
        Scoring = new ScoringSettings { Scale = 2, Threshold = 0.5, ReviewLow = 0.45, ReviewHigh = 0.55, TitleBonus = 0, TopicSupportFactor = 0 },
        Anchors = [Group(2, anchors)],
    };

    public static StoryText Story(string body, string title = "Untitled", string? lang = "en") => new("t1", title, body, lang);
}
