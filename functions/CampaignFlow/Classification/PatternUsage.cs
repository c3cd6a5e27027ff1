namespace CampaignFlow.Classification;

/// <summary>One use of a pattern by a rule: its kind, overlap layer, rule index and sub-index.</summary>
internal readonly record struct PatternUsage(MatchKind Kind, int Layer, int Rule, int Sub);
