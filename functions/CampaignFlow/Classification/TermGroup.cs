namespace CampaignFlow.Classification;

/// <summary>
/// Terms sharing a weight. A term is literal text matched case-insensitively on word boundaries;
/// a trailing '*' also matches longer words (inflections, Norwegian compounds). No regexes, by design.
/// </summary>
public sealed record TermGroup
{
    public string? Lang { get; init; }
    public double Weight { get; init; } = 1.0;
    public IReadOnlyList<string> Terms { get; init; } = [];
    /// <summary>When set, a match counts only within this many words of an anchor.</summary>
    public int? Within { get; init; }
    /// <summary>Shown in explanations, e.g. "Mine Ban (Ottawa) Treaty".</summary>
    public string? Reason { get; init; }
}
