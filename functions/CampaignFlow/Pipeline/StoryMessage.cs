namespace CampaignFlow.Pipeline;

/// <summary>A new story in the ledger, ready to classify. Carries the id, never the body.</summary>
public sealed record StoryMessage(string StoryId, string Feed, int V = 1);
