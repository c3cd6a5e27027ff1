namespace CampaignFlow.Classification;

/// <summary>
/// What subscribers see for each topic and region: id → language (en, no, fr, es) → label. All optional; a missing
/// label falls back to the English one, then to a readable form of the id (<see cref="RuleSetTaxonomy"/>).
/// </summary>
public sealed record RuleSetLabels
{
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Topics { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Regions { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
