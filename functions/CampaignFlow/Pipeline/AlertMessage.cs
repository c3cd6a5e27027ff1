namespace CampaignFlow.Pipeline;

/// <summary>A classified story to send to the subscribers whose preferences it matches.</summary>
public sealed record AlertMessage(string StoryId, string RuleSetVersion, int V = 1);
