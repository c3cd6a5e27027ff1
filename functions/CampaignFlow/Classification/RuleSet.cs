using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>
/// A versioned rule set as staff edit it (config/rules.json, validated by config/rules.schema.json).
/// It is data only; <see cref="CompiledRuleSet"/> turns it into a matcher once.
/// </summary>
public sealed record RuleSet
{
    /// <summary>The editor's schema reference; ignored by the classifier.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }
    public required string Version { get; init; }
    public string? Description { get; init; }
    public ScoringSettings Scoring { get; init; } = new();
    /// <summary>Terms naming the weapon or the convention; a story needs at least one anchor to be relevant.</summary>
    public IReadOnlyList<TermGroup> Anchors { get; init; } = [];
    /// <summary>Word-distance rules, e.g. "cluster" within 3 words of "munitions".</summary>
    public IReadOnlyList<ProximityRule> Proximity { get; init; } = [];
    /// <summary>Domain words that count only near an anchor (ratified, remnants, reports of use…).</summary>
    public IReadOnlyList<TermGroup> Contexts { get; init; } = [];
    /// <summary>Terms and contexts that lower the score (landmine treaty, nuclear, chemical, ATT…).</summary>
    public IReadOnlyList<TermGroup> Negatives { get; init; } = [];
    public IReadOnlyDictionary<string, TopicRule> Topics { get; init; } = new Dictionary<string, TopicRule>();
    public IReadOnlyList<GazetteerEntry> Gazetteer { get; init; } = [];
    public IReadOnlyList<RegionTermGroup> RegionTerms { get; init; } = [];
    public ExtractionRules Extraction { get; init; } = new();
    /// <summary>Where evidence must stand for a topic or region to be what the story is about.</summary>
    public AboutnessSettings Aboutness { get; init; } = new();
    /// <summary>Names of the topics and regions in each subscriber language, for the subscription pages and emails.</summary>
    public RuleSetLabels? Labels { get; init; }
}
