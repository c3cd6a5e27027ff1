namespace CampaignFlow.Classification;

/// <summary>The rules of one topic; the topic is assigned when its score reaches <see cref="Threshold"/>.</summary>
public sealed record TopicRule
{
    public double Threshold { get; init; } = 1.0;
    public IReadOnlyList<TermGroup> Terms { get; init; } = [];
    public IReadOnlyList<ProximityRule> Proximity { get; init; } = [];
}
