namespace CampaignFlow.Tuning;

/// <summary>
/// A rule set to publish as a new version, by whom and why. When <see cref="Conditional"/> the active rule set must
/// still be the one read (its <see cref="ExpectedETag"/>; null: none was active), so two staff publishing from the
/// same starting point cannot overwrite each other's edit.
/// </summary>
public sealed record RuleSetPublication(string Json, string By, string? Comment, bool Conditional, string? ExpectedETag);
