namespace CampaignFlow.Stories;

/// <summary>Which story holds a release: the first one recorded with that release key.</summary>
public sealed record ReleaseClaim(string StoryId, string? Language);
