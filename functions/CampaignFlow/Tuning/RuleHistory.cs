using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>The history page: every version with its scores, which one is active, and every publish and rollback with who and when.</summary>
public sealed record RuleHistory(
    IReadOnlyList<RuleHistoryEntry> Versions,
    IReadOnlyList<RuleSetActivationRecord> Activations,
    ActiveRuleSetBlob? Active);
