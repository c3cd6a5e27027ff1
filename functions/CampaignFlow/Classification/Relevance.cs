namespace CampaignFlow.Classification;

/// <summary>The relevance part of a verdict: every piece of evidence, the raw sum, the 0–1 score and the decision.</summary>
internal sealed record Relevance(List<TermMatch> Matches, double Raw, double Score, bool Relevant, ClassificationDecision Decision);
