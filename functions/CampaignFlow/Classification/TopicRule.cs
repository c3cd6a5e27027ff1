namespace CampaignFlow.Classification;

/// <summary>The rules of one topic; the topic is assigned when its score reaches <see cref="Threshold"/>.</summary>
public sealed record TopicRule
{
    public double Threshold { get; init; } = 1.0;
    /// <summary>
    /// When false the topic ignores <see cref="ScoringSettings.TopicRelativeCutoff"/>: secondary topics such
    /// as financing are worth alerting on even when another topic dominates the story.
    /// </summary>
    public bool Relative { get; init; } = true;
    /// <summary>
    /// Whether this topic's vocabulary supports relevance (see <see cref="ScoringSettings.TopicSupportFactor"/>).
    /// False for generic vocabulary such as money, which says nothing about the weapon.
    /// </summary>
    public bool SupportsRelevance { get; init; } = true;
    public IReadOnlyList<TermGroup> Terms { get; init; } = [];
    public IReadOnlyList<ProximityRule> Proximity { get; init; } = [];
}
