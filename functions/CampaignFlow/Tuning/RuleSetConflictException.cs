namespace CampaignFlow.Tuning;

/// <summary>The active rule set changed after the editor read it (another publish or rollback landed first); nothing was written.</summary>
public sealed class RuleSetConflictException(string message, Exception? inner = null) : Exception(message, inner);
