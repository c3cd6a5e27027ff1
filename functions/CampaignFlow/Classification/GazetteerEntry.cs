namespace CampaignFlow.Classification;

/// <summary>A state, its names in all languages (with adjectives and demonyms), its cities and its region.</summary>
public sealed record GazetteerEntry
{
    public required string State { get; init; }
    public required string Region { get; init; }
    public IReadOnlyList<string> Names { get; init; } = [];
    /// <summary>Cities count half unless a conference is held there.</summary>
    public IReadOnlyList<string> Cities { get; init; } = [];
    /// <summary>
    /// The publishing state (Norway): it is in nearly every story, so it counts only for a meeting
    /// held there or its own national measures.
    /// </summary>
    public bool Home { get; init; }
}
