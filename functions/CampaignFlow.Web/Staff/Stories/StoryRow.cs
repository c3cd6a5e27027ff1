using CampaignFlow.Stories;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>One line of the recent stories: the entry, what became of it, and when and to how many it was sent.</summary>
public sealed record StoryRow(StoryEntry Entry, string State, DateTimeOffset? SentAt, int Recipients);
