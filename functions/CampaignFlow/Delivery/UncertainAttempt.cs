namespace CampaignFlow.Delivery;

/// <summary>
/// A delivery attempt that died mid-request (still <c>sending</c> after <see cref="IDeliveryLedger.Lease"/>): SendGrid
/// may or may not have accepted it. <see cref="Version"/> fences a release against a concurrent change.
/// </summary>
public sealed record UncertainAttempt(string StoryId, string AttemptId, int Batch, DateTimeOffset? SendingSince, IReadOnlyList<string> Recipients, string Version);
