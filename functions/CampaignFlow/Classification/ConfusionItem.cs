namespace CampaignFlow.Classification;

/// <summary>A story the classifier got wrong on relevance.</summary>
public sealed record ConfusionItem(string Id, string Kind, double Score, string Title, string? Note);
