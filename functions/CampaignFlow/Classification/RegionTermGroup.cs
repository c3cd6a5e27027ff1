namespace CampaignFlow.Classification;

/// <summary>Words naming a region directly ("African", "Latin America").</summary>
public sealed record RegionTermGroup
{
    public required string Region { get; init; }
    public double Weight { get; init; } = 1.0;
    public IReadOnlyList<string> Terms { get; init; } = [];
}
