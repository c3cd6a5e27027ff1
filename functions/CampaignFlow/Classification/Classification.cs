namespace CampaignFlow.Classification;

/// <summary>The classifier's verdict on one story, with the evidence behind it.</summary>
public sealed record Classification
{
    public required bool Relevant { get; init; }
    public required double Score { get; init; }
    public required ClassificationDecision Decision { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    /// <summary>Matched terms with positions and weights, strongest first.</summary>
    public IReadOnlyList<TermMatch> Evidence { get; init; } = [];
    public required string RuleSetVersion { get; init; }
}
