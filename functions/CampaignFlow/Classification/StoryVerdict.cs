namespace CampaignFlow.Classification;

/// <summary>The classifier's verdict on one story, with the evidence behind it.</summary>
public sealed record StoryVerdict
{
    public required bool Relevant { get; init; }
    /// <summary>0–1: raw / (raw + scale), 0 when no anchor was found.</summary>
    public required double Score { get; init; }
    public required ClassificationDecision Decision { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    /// <summary>Matched terms with positions and weights, strongest first.</summary>
    public IReadOnlyList<TermMatch> Evidence { get; init; } = [];
    public required string RuleSetVersion { get; init; }
    /// <summary>Sum of the weights before squashing to 0–1.</summary>
    public double RawScore { get; init; }
    /// <summary>Negative terms and contexts that fired (weights below zero).</summary>
    public IReadOnlyList<TermMatch> Negatives { get; init; } = [];
    public IReadOnlyList<TopicEvidence> TopicEvidence { get; init; } = [];
    /// <summary>States mentioned, by English name, in order of first mention.</summary>
    public IReadOnlyList<string> States { get; init; } = [];
    public IReadOnlyList<StateCount> StateCounts { get; init; } = [];
    public IReadOnlyList<ConferenceMention> Conferences { get; init; } = [];
}
