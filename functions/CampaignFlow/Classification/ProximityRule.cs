namespace CampaignFlow.Classification;

/// <summary>Fires when a word of <see cref="Terms"/> is within <see cref="Within"/> words of a word of <see cref="Near"/>.</summary>
public sealed record ProximityRule
{
    public string? Lang { get; init; }
    public double Weight { get; init; } = 1.0;
    /// <summary>A fired anchor proximity rule satisfies the anchor requirement.</summary>
    public bool Anchor { get; init; }
    public IReadOnlyList<string> Terms { get; init; } = [];
    public IReadOnlyList<string> Near { get; init; } = [];
    public int Within { get; init; } = 3;
    public string? Reason { get; init; }
}
