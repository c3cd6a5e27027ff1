namespace CampaignFlow.Delivery;

/// <summary>One delivery attempt of a story's batch, as the ledger holds it: its state, how many it was for, when it last moved.</summary>
/// <remarks>Recipients: Recipients it claimed (sent to, when <see cref="Status"/> is <c>sent</c>).</remarks>
public sealed record BatchRecord(int Batch, string Status, int Recipients, DateTimeOffset? UpdatedAt, string? Reason);
