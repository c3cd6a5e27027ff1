namespace CampaignFlow.Classification;

/// <summary>A version in the rule-set history and when it was published.</summary>
public sealed record PublishedRuleSet(string Version, DateTimeOffset PublishedOn);
