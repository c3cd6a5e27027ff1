namespace CampaignFlow.Stories;

/// <summary>
/// A person's decision on a classified story: <see cref="Approved"/> (its alert goes out — a held story, or one the
/// classifier dropped and staff sent) or rejected (not about the ban; a sent story cannot be unsent, the label counts).
/// </summary>
/// <remarks>By: Who decided (null on decisions recorded before the console kept it).</remarks>
public sealed record StaffDecision(bool Approved, string? By, DateTimeOffset? At);
