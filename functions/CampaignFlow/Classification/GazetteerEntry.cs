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
    /// <summary>
    /// What one mention of the state's name is worth toward its region (1 by default). Below 1 for states
    /// named mostly as partners or donors, so that they need two mentions or the headline.
    /// </summary>
    public double Weight { get; init; } = 1.0;
}
