namespace CampaignFlow.Classification;

/// <summary>Vocabulary for extracting state counts and conferences.</summary>
public sealed record ExtractionRules
{
    /// <summary>Nouns a count attaches to: countries, states, land, pays, países…</summary>
    public IReadOnlyList<string> CountNouns { get; init; } = [];
    /// <summary>Words allowed between the number and the noun ("additional", "more").</summary>
    public IReadOnlyList<string> CountFillers { get; init; } = [];
    /// <summary>Words before the number that qualify it, e.g. "nearly" → "about".</summary>
    public IReadOnlyDictionary<string, string> CountQualifiers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, int> NumberWords { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> ConferenceTerms { get; init; } = [];
    /// <summary>Words that tie a meeting to its host a few words away: "hosts", "accueille", "acoge", "er vertskap for".</summary>
    public IReadOnlyList<string> HostTerms { get; init; } = [];
    public IReadOnlyDictionary<string, int> Months { get; init; } = new Dictionary<string, int>();
}
