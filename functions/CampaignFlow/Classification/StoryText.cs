namespace CampaignFlow.Classification;

/// <summary>The text of a story as the classifier sees it.</summary>
public sealed record StoryText(string Id, string Title, string Body, string? Lang = null, DateTimeOffset? Published = null);
