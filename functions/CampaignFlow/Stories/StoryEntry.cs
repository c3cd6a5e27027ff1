using CampaignFlow.Classification;

namespace CampaignFlow.Stories;

/// <summary>A story as the staff console shows it: what the feed said, the verdict once classified, and any staff decision.</summary>
public sealed record StoryEntry(Story Story, StoryVerdict? Verdict, StaffDecision? Decision);
