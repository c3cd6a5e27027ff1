namespace CampaignFlow.Classification;

/// <summary>One language's share of an evaluation: relevance and micro-averaged topic and region scores.</summary>
public sealed record LanguageScores(string Lang, int Stories, PrecisionRecall Relevance, PrecisionRecall Topics, PrecisionRecall Regions);
