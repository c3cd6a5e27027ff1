using CampaignFlow.Classification;

namespace CampaignFlow.Stories;

/// <summary>A story with the classifier's verdict, as the alert stage reads it.</summary>
public sealed record ClassifiedStory(Story Story, StoryVerdict Verdict);
