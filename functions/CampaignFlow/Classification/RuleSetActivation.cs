namespace CampaignFlow.Classification;

/// <summary>How a rule set became the active one.</summary>
public enum RuleSetActivation
{
    /// <summary>Published as a new version.</summary>
    Publish,
    /// <summary>An earlier version made active again.</summary>
    Rollback,
}
