using CampaignFlow.Classification;

namespace CampaignFlow.Tuning;

/// <summary>One publish or rollback as the history shows it: which version became active, when, by whom, why, and what it replaced.</summary>
public sealed record RuleSetActivationRecord(
    RuleSetActivation Action,
    string Version,
    DateTimeOffset On,
    string By,
    string? Comment,
    string? Previous);
