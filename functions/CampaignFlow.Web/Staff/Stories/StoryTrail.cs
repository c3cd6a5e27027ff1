using CampaignFlow.Delivery;
using CampaignFlow.Staff;
using CampaignFlow.Stories;

namespace CampaignFlow.Web.Staff.Stories;

/// <summary>Everything about one story for its trail page: the entry, its text, its other language versions, every batch and every staff action.</summary>
public sealed record StoryTrail(
    StoryEntry Entry,
    string Text,
    IReadOnlyList<StoryEntry> Versions,
    IReadOnlyList<BatchRecord> Batches,
    IReadOnlyList<StaffAction> Actions,
    StoryEventCounts Events)
{
    public int Delivered => Batches.Where(b => b.Status == "sent").Sum(b => b.Recipients);
}
