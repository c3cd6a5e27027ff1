namespace CampaignFlow.Tuning;

/// <summary>An edit checked and, when valid, previewed: <see cref="Preview"/> is null exactly when <see cref="Check"/> has problems.</summary>
public sealed record PreviewOutcome(RuleSetCheck Check, PreviewResult? Preview);
