namespace CampaignFlow.Classification;

/// <summary>One piece of evidence: a term found in the story, where, and what it weighed.</summary>
public sealed record TermMatch(string Term, int Position, double Weight);
