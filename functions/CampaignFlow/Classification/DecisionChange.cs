namespace CampaignFlow.Classification;

/// <summary>A story whose decision differs between the baseline and the candidate rule set.</summary>
public sealed record DecisionChange(string Id, string Title, ClassificationDecision Before, double BeforeScore, ClassificationDecision After, double AfterScore, bool? Labeled);
