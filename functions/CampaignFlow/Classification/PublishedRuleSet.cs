namespace CampaignFlow.Classification;

/// <summary>A version in the rule-set history, when it was published and, when known, by whom and why.</summary>
public sealed record PublishedRuleSet(string Version, DateTimeOffset PublishedOn)
{
    /// <summary>Who published it (the staff member's name; null for versions published before it was recorded).</summary>
    public string? PublishedBy { get; init; }

    /// <summary>The publisher's comment, if any.</summary>
    public string? Comment { get; init; }
}
