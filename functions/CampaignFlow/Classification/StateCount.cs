namespace CampaignFlow.Classification;

/// <summary>A count of states in the text, e.g. "more than 70 states" → 70, qualifier "more-than".</summary>
public sealed record StateCount(string Text, int Count, string? Qualifier, int Position);
