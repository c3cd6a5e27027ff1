namespace CampaignFlow.Classification;

/// <summary>
/// One piece of evidence: a term found in the story, where (character offset in "title\n\nbody"),
/// what it weighed (repeats included), and which kind of rule it came from.
/// </summary>
public sealed record TermMatch(string Term, int Position, double Weight, string Kind = "anchor", int Count = 1, string? Reason = null);
