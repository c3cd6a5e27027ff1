using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>A published version with its scores on today's labeled stories (null when it no longer passes validation) and whether it is active.</summary>
public sealed record RuleHistoryEntry(PublishedRuleSet Version, RuleScores? Scores, bool Active);
