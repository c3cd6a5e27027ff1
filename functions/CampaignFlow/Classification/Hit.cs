namespace CampaignFlow.Classification;

/// <summary>A pattern kept after leftmost-longest resolution in one layer, with one of its usages.</summary>
internal readonly record struct Hit(PatternUsage Usage, string Term, int Start, int End);
