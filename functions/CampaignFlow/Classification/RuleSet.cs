using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignFlow.Classification;

/// <summary>A versioned set of weighted terms; see config/rules.json.</summary>
public sealed record RuleSet
{
    public required string Version { get; init; }
    public double Threshold { get; init; } = 1.0;
    public IReadOnlyList<WeightedTerm> Terms { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Topics { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Regions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static RuleSet Parse(string json) =>
        JsonSerializer.Deserialize<RuleSet>(json, Json) ?? throw new InvalidDataException("the rule set is empty");
}

public sealed record WeightedTerm(string Term, double Weight);
