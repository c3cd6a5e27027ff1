namespace CampaignFlow.Delivery;

/// <summary>What the ledger holds on one recipient for one story (for export and erasure).</summary>
public sealed record DeliveryRecord(string StoryId, string Status, DateTimeOffset? ClaimedAt);
